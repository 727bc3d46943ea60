import { describeGeneratedRequests } from "./support/hostile-requests.js";

// The other half of the routes of hostile.test.ts's generated requests, in a file of its own so that
// both halves run at once.
describeGeneratedRequests({ index: 1, of: 2 });
