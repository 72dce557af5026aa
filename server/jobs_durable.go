package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/valyala/fasthttp"

	"fulfil/jobq"
	"fulfil/solver"
)

// Durable jobs: when Config.Jobs is set, /v1/jobs keeps jobs in the
// JetStream queue of package jobq instead of the memory store, and this
// process runs Config.JobWorkers of them at a time (jobq.Workers), beside
// every other process on the same NATS.

// submitDurable answers a job submission with a durable queue: check the
// request as for a job in memory, then queue it in JetStream. The queue's
// own bounds (jobq.Config.MaxQueued, MaxQueuedBytes) give the 429s.
func (s *Server) submitDurable(rc *fasthttp.RequestCtx, id string, decode jobDecoder) {
	if s.draining.Load() {
		s.metrics.reject("draining")
		s.writeError(rc, toAPI(errDraining, 1), id)
		return
	}
	body, err := s.body(rc)
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	jr, p, err := decode(body)
	if err != nil {
		s.writeError(rc, toAPI(err, 0), id)
		return
	}
	if err := checkCallback(jr.CallbackURL); err != nil {
		s.writeError(rc, err, id)
		return
	}
	ctx, cancel := context.WithTimeout(s.base, 10*time.Second)
	defer cancel()
	rec, err := s.cfg.Jobs.Submit(ctx, jobq.Record{Endpoint: jr.Endpoint, DeadlineS: p.deadline.Seconds(), CallbackURL: jr.CallbackURL}, jr.Request)
	switch {
	case errors.Is(err, jobq.ErrFull):
		s.metrics.reject("overloaded")
		s.writeError(rc, toAPI(errOverloaded, s.durableRetryAfter()), id)
		return
	case errors.Is(err, jobq.ErrTooLarge):
		s.writeError(rc, tooLarge("request", "larger than %d bytes, the most the job queue's NATS takes (max_payload)", s.cfg.Jobs.MaxPayload()), id)
		return
	case err != nil:
		s.log.Error("queueing a job", "request_id", id, "err", err)
		s.writeError(rc, errQueueDown, id)
		return
	}
	s.log.Info("job queued", "request_id", id, "job", rec.ID, "endpoint", rec.Endpoint)
	rc.Response.Header.Set("Location", "/v1/jobs/"+rec.ID)
	s.writeJSON(rc, fasthttp.StatusAccepted, recordStatus(rec, nil, time.Now()))
}

// checkCallback accepts an empty URL or an absolute http(s) one.
func checkCallback(raw string) *apiError {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	switch {
	case len(raw) > 2048:
		return badRequest("callback_url", "longer than 2048 bytes")
	case err != nil:
		return badRequest("callback_url", "not a URL: %v", err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return badRequest("callback_url", "want an absolute http or https URL, got %q", raw)
	}
	return nil
}

// durableRetryAfter estimates when a queue slot frees: the mean job run
// time (from this process's solves) times the jobs ahead, shared by the
// workers; between 1 and 60 s.
func (s *Server) durableRetryAfter() int {
	ctx, cancel := context.WithTimeout(s.base, time.Second)
	defer cancel()
	waiting, _, err := s.cfg.Jobs.Depth(ctx)
	if err != nil {
		return 5
	}
	return max(1, min(60, waiting/max(1, s.cfg.JobWorkers)))
}

// serveDurable answers GET and DELETE /v1/jobs/{id} with a durable queue.
func (s *Server) serveDurable(rc *fasthttp.RequestCtx, jobID string, del bool, id string) {
	ctx, cancel := context.WithTimeout(s.base, 10*time.Second)
	defer cancel()
	var rec jobq.Record
	var err error
	if del {
		rec, err = s.cfg.Jobs.Cancel(ctx, jobID)
	} else {
		rec, err = s.cfg.Jobs.Get(ctx, jobID)
	}
	if errors.Is(err, jobq.ErrNotFound) {
		s.writeError(rc, notFound("id", "no job %q (ended jobs are kept for %v)", jobID, s.cfg.Jobs.Config().Retention), id)
		return
	}
	var result []byte
	if err == nil && rec.State.Final() {
		result, err = s.cfg.Jobs.Result(ctx, rec)
	}
	if err != nil {
		s.log.Error("reading a job", "request_id", id, "job", jobID, "err", err)
		s.writeError(rc, errQueueDown, id)
		return
	}
	s.writeJSON(rc, 200, recordStatus(rec, result, time.Now()))
}

// listJobs answers GET /v1/jobs?state=S&limit=N, from either store.
func (s *Server) listJobs(rc *fasthttp.RequestCtx, id string) {
	args := rc.QueryArgs()
	state := JobState(args.Peek("state"))
	if state != "" && !jobq.State(state).Valid() {
		s.writeError(rc, badRequest("state", "want queued, running, succeeded, failed or cancelled, got %q", state), id)
		return
	}
	limit := 100
	if b := args.Peek("limit"); b != nil {
		n, err := strconv.Atoi(string(b))
		if err != nil || n < 1 || n > 1000 {
			s.writeError(rc, badRequest("limit", "must be an integer in [1, 1000], got %q", b), id)
			return
		}
		limit = n
	}
	var l JobList
	if s.cfg.Jobs != nil {
		now := time.Now()
		for _, rec := range s.cfg.Jobs.List(jobq.State(state), limit) {
			l.Jobs = append(l.Jobs, recordStatus(rec, nil, now))
		}
	} else {
		l.Jobs = s.jobs.list(state, limit)
	}
	if l.Jobs == nil {
		l.Jobs = []JobStatus{}
	}
	s.writeJSON(rc, 200, l)
}

// sortJobs orders statuses newest first (RFC 3339 stamps in UTC sort as
// strings), then by id.
func sortJobs(l []JobStatus) {
	slices.SortFunc(l, func(a, b JobStatus) int {
		if c := cmpString(b.CreatedAt, a.CreatedAt); c != 0 {
			return c
		}
		return cmpString(a.ID, b.ID)
	})
}

// recordStatus turns a durable job's record and result into its status.
func recordStatus(rec jobq.Record, result []byte, now time.Time) JobStatus {
	s := JobStatus{
		ID: rec.ID, Endpoint: rec.Endpoint, State: JobState(rec.State), CreatedAt: stamp(rec.CreatedAt),
		TimeLimitS: rec.DeadlineS, Attempts: rec.Attempts, Worker: rec.Worker,
		CallbackURL: rec.CallbackURL, Callback: rec.Callback, ResultPurged: rec.ResultPurged,
	}
	end := now
	if rec.State.Final() {
		s.FinishedAt, end = stamp(rec.FinishedAt), rec.FinishedAt
	}
	switch {
	case !rec.StartedAt.IsZero() && rec.State != jobq.Queued:
		s.StartedAt = stamp(rec.StartedAt)
		s.QueueS = rec.StartedAt.Sub(rec.CreatedAt).Seconds()
		s.RunS = end.Sub(rec.StartedAt).Seconds()
	default:
		s.QueueS = end.Sub(rec.CreatedAt).Seconds()
	}
	if len(result) > 0 {
		s.Result = result
	}
	if len(rec.Error) > 0 {
		var d ErrorDetail
		if err := json.Unmarshal(rec.Error, &d); err == nil {
			s.Error = &d
		} else {
			s.Error = &ErrorDetail{Code: CodeInternal, Message: "unreadable job error"}
		}
	}
	return s
}

// runDurable is the jobq.RunFunc: decode and run a job's request as its
// endpoint would, and encode what came out.
func (s *Server) runDurable(ctx context.Context, rec jobq.Record, request []byte) (out jobq.Outcome) {
	fail := func(err error) jobq.Outcome {
		ae := toAPI(err, 0)
		if ae.status >= 500 {
			s.log.Error("job failed", "job", rec.ID, "err", err)
		}
		b, _ := s.codec.encode(ae.detail(""))
		return jobq.Outcome{Result: out.Result, Error: b}
	}
	defer func() {
		if r := recover(); r != nil {
			s.metrics.panics.Add(1)
			s.log.Error("panic in job", "job", rec.ID, "panic", fmt.Sprint(r), "stack", stack())
			out = fail(&solver.PanicError{Value: r})
		}
	}()
	ep, fn, _ := s.lookup(rec.Endpoint)
	if ep == nil || fn != "" && !s.stock[fn] {
		return fail(badRequest("endpoint", "unknown endpoint %q on this worker", rec.Endpoint))
	}
	p, err := ep.prepare(s, request, "request", fn, s.cfg.JobLimit)
	if err != nil {
		return fail(err)
	}
	res := s.execute(ctx, p, rec.ID)
	out.Result, out.ResultFile, out.Files = res.body, res.resultFile, res.files
	if res.err != nil {
		return fail(res.err)
	}
	return out
}

// notify is the jobq.NotifyFunc: POST the job's final status to its
// callback URL; any 2xx is delivered.
func (s *Server) notify(ctx context.Context, rec jobq.Record, result []byte) error {
	b, err := s.codec.encode(recordStatus(rec, result, time.Now()))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "POST", rec.CallbackURL, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "fulfil")
	req.Header.Set("X-Fulfil-Job", rec.ID)
	res, err := s.callbacks.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("callback answered %s", res.Status)
	}
	return nil
}

// jobGauges fills the job gauges of /metrics: with a durable queue the
// depth and states are the shared queue's, the same on every process.
func (s *Server) jobGauges(g *gauges) {
	if s.cfg.Jobs == nil {
		g.jobQueue, g.jobCap, g.jobBusy, g.jobWorkers = s.jobPool.depth(), cap(s.jobPool.queue), int(s.jobPool.busy.Load()), s.jobPool.workers
		g.jobs = s.jobs.counts()
		return
	}
	ctx, cancel := context.WithTimeout(s.base, 2*time.Second)
	defer cancel()
	g.jobQueue, _, _ = s.cfg.Jobs.Depth(ctx)
	g.jobCap, g.jobWorkers = s.cfg.Jobs.Config().MaxQueued, s.cfg.JobWorkers
	if s.workers != nil {
		g.jobBusy = s.workers.Busy()
	}
	g.jobs = make(map[JobState]int)
	for st, n := range s.cfg.Jobs.Counts() {
		g.jobs[JobState(st)] = n
	}
}
