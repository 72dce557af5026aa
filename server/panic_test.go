package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"fulfil/solver"
)

// panickyWave is prepareWave whose solve also starts a worker through
// solver.Group that panics as a planner bug would, on a goroutine of its
// own: the test's hook into a solver worker, registered only by the test.
func panickyWave(s *Server, body []byte, prefix, fn string, limit time.Duration) (*prepared, error) {
	p, err := prepareWave(s, body, prefix, fn, limit)
	if err != nil {
		return nil, err
	}
	run := p.run
	p.run = func(ctx context.Context) (_ any, _ *solver.Stats, err error) {
		defer solver.Recover(&err)
		var g solver.Group
		g.Go(func() { panic("wave: an item does not fit an empty bin") })
		g.Go(func() { _, _, _ = run(ctx) })
		g.Join()
		return nil, nil, nil
	}
	return p, nil
}

// TestSolverWorkerPanicIsContained: a panic in a solver's worker goroutine
// answers 500 with the request id, on /v1/... and in a job, and the server
// keeps serving: the next request succeeds.
func TestSolverWorkerPanicIsContained(t *testing.T) {
	ts := startServer(t, nil)
	ts.s.eps["/v1/waves-panicky"] = &endpoint{path: "/v1/waves-panicky", solver: "wave", prepare: panickyWave}
	body := readFixture(t, "wave_small.json")

	r := ts.do(t, "POST", "/v1/waves-panicky", body, "X-Request-Id", "req-worker-panic")
	e := errorOf(t, r)
	if r.status != 500 || e.Code != CodeInternal || e.RequestID != "req-worker-panic" || strings.Contains(e.Message, "bin") {
		t.Errorf("sync: got %d %+v, want 500 internal with the request id and no internals", r.status, e)
	}
	if r := ts.do(t, "POST", "/v1/waves", body); r.status != 200 {
		t.Fatalf("the request after the panic: %d %s", r.status, r.body)
	}

	st := submit(t, ts, "/v1/waves-panicky", body)
	st = pollJob(t, ts, st.ID, func(s JobStatus) bool { return s.State.final() })
	if st.State != JobFailed || st.Error == nil || st.Error.Code != CodeInternal || !strings.Contains(st.Error.Message, "(request id ") {
		t.Errorf("job: got %s %+v, want failed with an internal error quoting the request id", st.State, st.Error)
	}
	st = submit(t, ts, "/v1/waves", body)
	if st = pollJob(t, ts, st.ID, func(s JobStatus) bool { return s.State.final() }); st.State != JobSucceeded {
		t.Errorf("the job after the panic: %s %+v", st.State, st.Error)
	}
	if n := ts.s.metrics.panics.Load(); n != 2 {
		t.Errorf("%d panics counted, want 2", n)
	}
}
