package server

import (
	"testing"
)

// Results of ended jobs held in memory count against JobResultBytes: past
// it the oldest are dropped and their status says so.
func TestJobResultBudget(t *testing.T) {
	body := readFixture(t, "vrp_small.json")
	one := startServer(t, nil)
	probe := pollJob(t, one, submit(t, one, "/v1/vrp", body).ID, final)
	budget := len(probe.Result) * 3 / 2 // one result fits, two do not
	ts := startServer(t, func(c *Config) { c.JobResultBytes = budget })
	a := pollJob(t, ts, submit(t, ts, "/v1/vrp", body).ID, final)
	b := pollJob(t, ts, submit(t, ts, "/v1/vrp", body).ID, final)
	if len(a.Result) == 0 || len(b.Result) == 0 {
		t.Fatalf("results of %d and %d bytes, want both", len(a.Result), len(b.Result))
	}
	a = pollJob(t, ts, a.ID, final)
	if a.State != JobSucceeded || a.Result != nil || !a.ResultPurged {
		t.Errorf("first job: got %s with %d result bytes, purged %v; want succeeded, result purged", a.State, len(a.Result), a.ResultPurged)
	}
	if b = pollJob(t, ts, b.ID, final); len(b.Result) == 0 || b.ResultPurged {
		t.Errorf("second job: got %d result bytes, purged %v; want its result kept", len(b.Result), b.ResultPurged)
	}
	ts.s.jobs.mu.Lock()
	held := ts.s.jobs.resultBytes
	ts.s.jobs.mu.Unlock()
	if held != len(b.Result) || held > budget {
		t.Errorf("result bytes held: got %d, want %d (the second result) within %d", held, len(b.Result), budget)
	}
}
