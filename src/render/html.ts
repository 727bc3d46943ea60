import escapeHtml from "escape-html";

/**
 * HTML built with a tagged template: every interpolated value is escaped unless it is already Html
 * (another `html` fragment, or `raw` for markup the code itself wrote). Arrays are joined; null,
 * undefined and false render nothing, so `${cond && html`…`}` reads naturally.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = Html | string | number | null | undefined | false | readonly Interpolation[];

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/** Markup written by this code, never by a user. */
export function raw(markup: string): Html {
  return new Html(markup);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}
