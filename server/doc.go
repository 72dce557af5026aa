// Package server serves every fulfil solver over HTTP with fasthttp and
// sonic: routing (/v1/vrp), wave planning and picker routing (/v1/waves,
// /v1/waves/route), allocation and transfers (/v1/allocation,
// /v1/transfers), inventory functions (/v1/stock/{function}), the
// nightly plan (/v1/plan, always a job) and asynchronous jobs for any of
// them (/v1/jobs).
//
// Flow of a request: handle (server.go) routes it; serveSolve
// (dispatch.go) refuses it at once when draining (503) or when every slot
// (Workers + Queue, admit.go) is taken (429 with Retry-After). Bodies are
// streamed: only an admitted request has its body read, into memory of its
// own (gzip unpacked within MaxBodyBytes); a refused one is read and
// dropped so that its connection stays open. Memory under overload is
// therefore bounded by the slots times the largest request, not by the
// number of connections. The endpoint's prepare (handlers_*.go) decodes
// the body with the strict sonic configuration (codec.go), checks the size
// limits (413) and the options, and returns a closure over the decoded
// values. The closure runs on a worker of a bounded pool
// (admit.go) under a deadline taken from the request's time limit and
// capped by the server's; the result is encoded on the worker and written
// by the handler. errors.go alone maps errors to statuses and the
// {"error": {"code", "message", "field"}} body; a rejected decode is
// re-walked by codec.go's locate to name the exact field path.
//
// Jobs (jobs.go) reserve their body's bytes against JobBytes before it is
// read, decode and check their request at submission, then run on
// a separate pool, so that long nightly solves never starve synchronous
// calls. With Config.Jobs set (fulfil serve always sets it), jobs are
// durable instead (jobs_durable.go): checked the same way, then queued in
// NATS JetStream by package jobq and run by the job workers of any process
// on the same NATS, this one included; GET /v1/jobs lists them and a job
// may name a callback URL. A job may leave files beside its result: the
// plan (handlers_plan.go) renders its task sheets, workbook, map and
// report, its result is plan.json, and jobs_files.go serves them from
// either store (GET /v1/jobs/{id}/files/{name}). Shutdown flips readiness, refuses new work, cancels queued jobs,
// lets running work reach its deadline (or cancels it when the shutdown
// context ends), keeps job status readable, then closes the listener.
//
// Contract with the solvers: a request's options are the solver's own
// Options, decoded over its defaults (handlers_*.go hold no mirrors, but
// for the plan's four routing options); the server only caps time_limit_s
// and threads. A solver answer that fails
// its own check, and a panic the solver contained (*solver.PanicError) or
// one on the worker, is a 500 carrying the request id, with the stack in
// the log; the server keeps serving. POST bodies must be JSON (415
// otherwise).
//
// matrix.go turns OSRM /table and Valhalla matrix responses into explicit
// routing matrices. metrics.go writes Prometheus text by hand.
// openapi_paths.json is the hand-written part of the OpenAPI 3.1 document
// (paths, descriptions, examples); openapi.go adds the schemas, generated
// from the wire types by openapi_schema.go, and one path per stock
// function; openapi_test.go checks the result against the routes, types
// and examples, and lints it with Redocly when npx is present.
package server
