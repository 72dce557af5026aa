package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/valyala/fasthttp"

	"fulfil/jobq"
	"fulfil/solver"
)

// endpoint is one solving route. prepare decodes and checks a body and
// returns the solve to run; it runs on the handler's goroutine. The body
// is the handler's own copy (see Server.body), never fasthttp's buffer,
// so a job may keep what prepare returns after the handler is gone.
type endpoint struct {
	path   string // "/v1/vrp"
	solver string // metrics label
	// prepare decodes body; prefix is the wire path of the body ("" for a
	// synchronous request, "request" inside a job) and fn the stock
	// function. limit is the longest time limit allowed.
	prepare func(s *Server, body []byte, prefix, fn string, limit time.Duration) (*prepared, error)
	// job: a POST to the path queues a job (202), as POST /v1/jobs with
	// this endpoint would; the route has no synchronous answer.
	job bool
}

// prepared is a decoded, checked solve ready to run.
type prepared struct {
	solver string
	// deadline bounds the run: the request's time limit with a little
	// slack for the solver to return its best, or the server's limit.
	deadline time.Duration
	run      func(ctx context.Context) (any, *solver.Stats, error)
}

// outcome is what running a prepared solve gave.
type outcome struct {
	body []byte // encoded result, set on success or with an infeasibleError
	// resultFile and files come from a rendered result (see rendered).
	resultFile string
	files      []jobq.File
	err        error
}

// rendered is a result a solve encodes itself, with files beside it: a
// job keeps the files and serves them, and the result too under the name
// resultFile when it is set.
type rendered struct {
	result     []byte // JSON
	resultFile string
	files      []jobq.File
}

func (s *Server) endpoints() map[string]*endpoint {
	eps := []*endpoint{
		{path: "/v1/vrp", solver: "vrp", prepare: prepareVRP},
		{path: "/v1/vroom", solver: "vroom", prepare: prepareVroom},
		{path: "/v1/reroute", solver: "reroute", prepare: prepareReroute},
		{path: "/v1/waves", solver: "wave", prepare: prepareWave},
		{path: "/v1/waves/route", solver: "picker_route", prepare: preparePickRoute},
		{path: "/v1/allocation", solver: "alloc", prepare: prepareAllocation},
		{path: "/v1/transfers", solver: "transfer", prepare: prepareTransfers},
		{path: "/v1/stock/{function}", solver: "stock", prepare: prepareStock},
		{path: "/v1/plan", solver: "plan", prepare: preparePlan, job: true},
	}
	m := make(map[string]*endpoint, len(eps))
	for _, e := range eps {
		m[e.path] = e
	}
	return m
}

// timeLimit checks a request's time_limit_s against limit and returns it
// (0 when not given) and the run's deadline: the time limit plus 10% and
// 100 ms for the solver to hand back its best, at most limit; limit itself
// when no time limit is given.
func timeLimit(secs float64, limit time.Duration, field string) (tl, deadline time.Duration, err error) {
	if !(secs >= 0) || math.IsInf(secs, 0) {
		return 0, 0, badRequest(field, "must be a finite number >= 0, got %g", secs)
	}
	if secs > limit.Seconds() {
		return 0, 0, badRequest(field, "must be <= %g here, got %g; submit longer solves to /v1/jobs (up to the job limit)", limit.Seconds(), secs)
	}
	if secs == 0 {
		return 0, limit, nil
	}
	tl = time.Duration(secs * float64(time.Second))
	return tl, min(limit, tl+tl/10+100*time.Millisecond), nil
}

// limitTime checks the time limit in seconds at secs against limit, as
// timeLimit does, leaves it there and returns the run's deadline.
func limitTime(secs *float64, limit time.Duration, field string) (time.Duration, error) {
	tl, deadline, err := timeLimit(*secs, limit, field)
	*secs = tl.Seconds()
	return deadline, err
}

// tune checks a solver's options as every solving endpoint does: the time
// limit in seconds at secs against limit, the thread count at threads
// (nil: the solver has none) against the workers, then opt.Validate, whose
// field paths go under optField; opt points to the options that secs and
// threads point into. It returns the run's deadline.
func (s *Server) tune(opt interface{ Validate() error }, secs *float64, threads *int, optField string, limit time.Duration) (time.Duration, error) {
	deadline, err := limitTime(secs, limit, optField+".time_limit_s")
	if err != nil {
		return 0, err
	}
	if threads != nil {
		if *threads, err = s.threads(*threads, optField+".threads"); err != nil {
			return 0, err
		}
	}
	if err := opt.Validate(); err != nil {
		return 0, prefixed(err, optField)
	}
	return deadline, nil
}

// firstError returns the first non-nil error of errs.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// solveWith makes a prepared run of solve, whose output carries its Stats;
// fix maps the solver's error (its field paths) to the request's.
func solveWith[O any](name string, deadline time.Duration, solve func(context.Context) (*O, error), stats func(*O) *solver.Stats, fix func(error) error) *prepared {
	return &prepared{solver: name, deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := solve(ctx)
		if err != nil {
			return nil, nil, fix(err)
		}
		return out, stats(out), nil
	}}
}

// threads checks a request's thread count: 0 means one thread, so that
// the workers share the cores; at most the number of workers.
func (s *Server) threads(n int, field string) (int, error) {
	if n < 0 || n > max(s.cfg.Workers, s.cfg.JobWorkers) {
		return 0, badRequest(field, "must be in [0, %d], got %d", max(s.cfg.Workers, s.cfg.JobWorkers), n)
	}
	return max(1, n), nil
}

// limit returns a 413 when count exceeds max.
func limitCount(field string, count, max int, what string) error {
	if count > max {
		return tooLarge(field, "has %d %s; the limit is %d", count, what, max)
	}
	return nil
}

// execute runs p and encodes its result, recording metrics. A panic the
// solver contained (a *solver.PanicError) is logged with its stack under
// the request id and answered as an internal error.
func (s *Server) execute(ctx context.Context, p *prepared, id string) outcome {
	start := time.Now()
	out, st, err := p.run(ctx)
	if pe, ok := errors.AsType[*solver.PanicError](err); ok {
		s.metrics.panics.Add(1)
		s.log.Error("panic in solver", "request_id", id, "solver", p.solver, "panic", fmt.Sprint(pe.Value), "stack", pe.Stack)
	}
	var iters int64
	if st != nil {
		iters = st.Iterations
	}
	label := "ok"
	var ie *infeasibleError
	switch {
	case err == nil:
	case errors.As(err, &ie):
		label = "infeasible"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		label = "canceled"
	default:
		if _, ok := errors.AsType[*solver.InputError](err); ok {
			label = "invalid"
		} else {
			label = "error"
		}
	}
	s.metrics.solve(p.solver, label, iters, time.Since(start))
	if err != nil && ie == nil {
		return outcome{err: err}
	}
	if r, ok := out.(*rendered); ok && ie == nil {
		return outcome{body: r.result, resultFile: r.resultFile, files: r.files}
	}
	var body []byte
	var encErr error
	if ie != nil {
		body, encErr = s.codec.encode(ie.out)
	} else {
		body, encErr = s.codec.encode(out)
	}
	if encErr != nil {
		return outcome{err: encErr}
	}
	return outcome{body: body, err: err}
}

// serveSolve answers a synchronous solve: admit, decode, queue, wait,
// write.
func (s *Server) serveSolve(rc *fasthttp.RequestCtx, ep *endpoint, fn, id string) {
	if s.draining.Load() {
		s.metrics.reject("draining")
		s.writeError(rc, toAPI(errDraining, 1), id)
		return
	}
	// Take a slot before reading the body: a refused request costs no
	// memory beyond its headers, and the slot is held until the solve
	// ends, so admitted work never exceeds Workers + Queue.
	if !s.slots.tryAcquire() {
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(errOverloaded, s.sync.retryAfter()), id)
		return
	}
	release := true
	defer func() {
		if release {
			s.slots.release()
		}
	}()
	body, err := s.body(rc)
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	t0 := time.Now()
	p, err := ep.prepare(s, body, "", fn, s.cfg.SyncLimit)
	s.metrics.decoded(len(body), time.Since(t0))
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	ctx, cancel := context.WithTimeout(s.base, p.deadline)
	defer cancel()
	var res outcome
	t := newTask(ctx, func(ctx context.Context) { res = s.execute(ctx, p, id) })

	s.admitMu.RLock()
	if s.draining.Load() {
		s.admitMu.RUnlock()
		s.metrics.reject("draining")
		s.writeError(rc, toAPI(errDraining, 1), id)
		return
	}
	s.inflight.Add(1)
	s.admitMu.RUnlock()
	if err := s.sync.submit(t); err != nil {
		s.inflight.Done()
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(err, s.sync.retryAfter()), id)
		return
	}
	overrun := time.NewTimer(p.deadline + 5*time.Second)
	defer overrun.Stop()
	select {
	case <-t.done:
		s.inflight.Done()
	case <-overrun.C:
		release = false // the solve still runs and keeps its slot
		go func() { <-t.done; s.inflight.Done(); s.slots.release() }()
		s.log.Error("solver overran its deadline", "request_id", id, "solver", p.solver, "deadline", p.deadline)
		s.writeError(rc, toAPI(errOverran, 0), id)
		return
	}
	switch {
	case t.panicked != nil:
		s.metrics.panics.Add(1)
		s.log.Error("panic in solver", "request_id", id, "solver", p.solver, "panic", fmt.Sprint(t.panicked.Value), "stack", t.panicked.Stack)
		s.writeError(rc, toAPI(t.panicked, 0), id)
	case t.skipped != nil:
		s.metrics.reject("queue_timeout")
		s.writeError(rc, toAPI(errQueueTimeout, s.sync.retryAfter()), id)
	default:
		s.writeOutcome(rc, res, id)
	}
}

// writeOutcome writes a solve's result or error.
func (s *Server) writeOutcome(rc *fasthttp.RequestCtx, res outcome, id string) {
	if res.err == nil {
		rc.SetStatusCode(200)
		rc.SetContentType("application/json")
		rc.SetBody(res.body)
		return
	}
	ae := toAPI(res.err, 0)
	if ae.status >= 500 {
		s.log.Error("solve failed", "request_id", id, "err", res.err)
	}
	if errors.As(res.err, new(*infeasibleError)) {
		// {"error": {...}, "result": <plan>} without decoding the plan again
		head, err := s.codec.encode(ErrorBody{Error: ae.detail(id)})
		if err == nil {
			var b bytes.Buffer
			b.Grow(len(head) + len(res.body) + 16)
			b.Write(head[:len(head)-1])
			b.WriteString(`,"result":`)
			b.Write(res.body)
			b.WriteByte('}')
			rc.SetStatusCode(ae.status)
			rc.SetContentType("application/json")
			rc.SetBody(b.Bytes())
			return
		}
	}
	s.writeError(rc, ae, id)
}

// jobDecoder decodes the body of a job submission and prepares the job's
// request: decodeJob for POST /v1/jobs, directJob for a job route.
type jobDecoder func(body []byte) (JobRequest, *prepared, error)

// submit queues a job in the server's store, durable or in memory.
func (s *Server) submit(rc *fasthttp.RequestCtx, id string, decode jobDecoder) {
	if s.cfg.Jobs != nil {
		s.submitDurable(rc, id, decode)
	} else {
		s.submitJob(rc, id, decode)
	}
}

// submitJob answers a job submission: decode and check the request now,
// so that a bad one is a 400 and not a failed job, then queue it.
func (s *Server) submitJob(rc *fasthttp.RequestCtx, id string, decode jobDecoder) {
	if s.draining.Load() {
		s.metrics.reject("draining")
		s.writeError(rc, toAPI(errDraining, 1), id)
		return
	}
	if s.jobPool.full() {
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(errOverloaded, s.jobPool.retryAfter()), id)
		return
	}
	// Reserve the body's bytes against JobBytes before reading it, so that
	// a flood of big submissions is refused without being buffered: the
	// Content-Length of a plain body, the most a chunked or gzip one may
	// unpack to otherwise, trued up once read.
	reserved := rc.Request.Header.ContentLength()
	if reserved < 0 || len(rc.Request.Header.ContentEncoding()) > 0 {
		reserved = min(s.cfg.MaxBodyBytes, s.cfg.JobBytes)
	}
	if err := s.jobs.reserve(reserved); err != nil {
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(err, s.jobPool.retryAfter()), id)
		return
	}
	defer func() { s.jobs.unreserve(reserved) }() // zero once a job holds them
	body, err := s.body(rc)
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	if extra := len(body) - reserved; extra > 0 {
		if err := s.jobs.reserve(extra); err != nil {
			s.metrics.reject("overloaded")
			s.writeError(rc, toAPI(err, s.jobPool.retryAfter()), id)
			return
		}
		reserved += extra
	}
	jr, p, err := decode(body)
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	if jr.CallbackURL != "" {
		s.writeError(rc, badRequest("callback_url", "callbacks need the durable job queue (fulfil serve has one); this server keeps jobs in memory"), id)
		return
	}
	s.jobs.unreserve(reserved - len(body))
	reserved = len(body)
	j, err := s.jobs.add(jr.Endpoint, p.deadline, len(body))
	if err != nil {
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(err, s.jobPool.retryAfter()), id)
		return
	}
	reserved = 0 // the job holds them now, until it ends
	t := newTask(context.Background(), func(context.Context) { s.runJob(j, p, id) })
	if err := s.jobPool.submit(t); err != nil {
		s.jobs.remove(j)
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(err, s.jobPool.retryAfter()), id)
		return
	}
	st, _ := s.jobs.status(j.id)
	rc.Response.Header.Set("Location", "/v1/jobs/"+j.id)
	s.writeJSON(rc, fasthttp.StatusAccepted, st)
}

// decodeJob decodes a job submission and prepares its request, so that a
// bad one is a 400 at once and not a failed job.
func (s *Server) decodeJob(body []byte) (JobRequest, *prepared, error) {
	var jr JobRequest
	if err := s.codec.decode(body, &jr, ""); err != nil {
		return jr, nil, err
	}
	ep, fn, _ := s.lookup(jr.Endpoint)
	switch {
	case ep == nil:
		return jr, nil, badRequest("endpoint", "unknown endpoint %q; want /v1/vrp, /v1/vroom, /v1/waves, /v1/waves/route, /v1/allocation, /v1/transfers, /v1/stock/{function} or /v1/plan", jr.Endpoint)
	case fn != "" && !s.stock[fn]:
		return jr, nil, badRequest("endpoint", "unknown stock function %q; GET /v1/stock lists them", fn)
	case len(bytes.TrimSpace(jr.Request)) == 0:
		return jr, nil, badRequest("request", "missing")
	}
	t0 := time.Now()
	p, err := ep.prepare(s, jr.Request, "request", fn, s.cfg.JobLimit)
	s.metrics.decoded(len(body), time.Since(t0))
	return jr, p, err
}

// directJob decodes the body of a job route (POST /v1/plan) as the request
// of a job to that endpoint; field paths are the body's own.
func (s *Server) directJob(ep *endpoint) jobDecoder {
	return func(body []byte) (JobRequest, *prepared, error) {
		t0 := time.Now()
		p, err := ep.prepare(s, body, "", "", s.cfg.JobLimit)
		s.metrics.decoded(len(body), time.Since(t0))
		return JobRequest{Endpoint: ep.path, Request: body}, p, err
	}
}

// runJob runs a queued job on a job worker, unless it was cancelled.
func (s *Server) runJob(j *job, p *prepared, id string) {
	ctx, ok := s.jobs.begin(j, s.base)
	if !ok {
		return
	}
	var res outcome
	defer func() {
		if r := recover(); r != nil {
			s.metrics.panics.Add(1)
			s.log.Error("panic in job", "request_id", id, "job", j.id, "panic", fmt.Sprint(r), "stack", stack())
			ae := toAPI(&solver.PanicError{Value: r}, 0)
			ae.msg += " (request id " + id + ")"
			s.jobs.finish(j, outcome{}, ae, false)
		}
	}()
	res = s.execute(ctx, p, id)
	var ae *apiError
	if res.err != nil {
		ae = toAPI(res.err, 0)
		if ae.status >= 500 {
			s.log.Error("job failed", "request_id", id, "job", j.id, "err", res.err)
			c := *ae // toAPI may return a shared error
			c.msg += " (request id " + id + ")"
			ae = &c
		}
	}
	stopped := s.base.Err() != nil
	s.jobs.finish(j, res, ae, stopped)
	s.log.Info("job ended", "request_id", id, "job", j.id, "endpoint", j.endpoint)
}

// serveJob answers GET and DELETE /v1/jobs/{id}.
func (s *Server) serveJob(rc *fasthttp.RequestCtx, jobID string, del bool, id string) {
	var st JobStatus
	var ok bool
	if del {
		st, ok = s.jobs.cancel(jobID)
	} else {
		st, ok = s.jobs.status(jobID)
	}
	if !ok {
		s.writeError(rc, notFound("id", "no job %q (ended jobs are kept for %v)", jobID, s.cfg.JobRetention), id)
		return
	}
	s.writeJSON(rc, 200, st)
}
