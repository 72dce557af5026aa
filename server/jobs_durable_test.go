package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"fulfil/jobq"
)

// startDurable serves with a durable job queue on an embedded NATS in a
// temporary directory.
func startDurable(t *testing.T, edit func(*Config, *jobq.Config)) *testServer {
	t.Helper()
	e, err := jobq.Embed(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close) // cleanups run last in first: after the queue's and the server's
	return startOnNATS(t, e, edit)
}

// startOnNATS serves with a durable job queue on e, as one of the
// processes sharing it.
func startOnNATS(t *testing.T, e *jobq.Embedded, edit func(*Config, *jobq.Config)) *testServer {
	t.Helper()
	qc := jobq.DefaultConfig()
	qc.AckWait = time.Second
	return startServer(t, func(c *Config) {
		if edit != nil {
			edit(c, &qc)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q, err := jobq.Open(ctx, e.Conn, qc)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(q.Close)
		c.Jobs, c.WorkerName = q, "test"
	})
}

func TestDurableJobs(t *testing.T) {
	ts := startDurable(t, nil)
	st := pollJob(t, ts, submit(t, ts, "/v1/vrp", readFixture(t, "vrp_small.json")).ID, final)
	if st.State != JobSucceeded || len(st.Result) == 0 || st.Attempts != 1 || st.Worker != "test" || st.FinishedAt == "" {
		t.Errorf("got %+v, want succeeded after one attempt on worker test", st)
	}
	long := submit(t, ts, "/v1/vrp", []byte(strings.Replace(string(readFixture(t, "vrp_small.json")), `"iterations": 200`, `"time_limit_s": 20`, 1)))
	queued := submit(t, ts, "/v1/vrp", readFixture(t, "vrp_small.json"))
	pollJob(t, ts, long.ID, func(s JobStatus) bool { return s.State == JobRunning })
	var l JobList
	strictJSON(t, ts.do(t, "GET", "/v1/jobs?state=queued", nil).body, &l)
	if len(l.Jobs) != 1 || l.Jobs[0].ID != queued.ID || l.Jobs[0].Result != nil {
		t.Errorf("GET /v1/jobs?state=queued: got %+v, want just %s", l.Jobs, queued.ID)
	}
	if r := ts.do(t, "DELETE", "/v1/jobs/"+queued.ID, nil); r.status != 200 {
		t.Fatalf("DELETE a queued job: %d %s", r.status, r.body)
	}
	ts.do(t, "DELETE", "/v1/jobs/"+long.ID, nil)
	for _, id := range []string{long.ID, queued.ID} {
		if s := pollJob(t, ts, id, final); s.State != JobCancelled {
			t.Errorf("job %s: got %s, want cancelled", id, s.State)
		}
	}
	strictJSON(t, ts.do(t, "GET", "/v1/jobs?limit=2", nil).body, &l)
	if len(l.Jobs) != 2 || l.Jobs[0].ID != queued.ID || l.Jobs[1].ID != long.ID {
		t.Errorf("GET /v1/jobs?limit=2: got %d jobs, want the two newest, newest first", len(l.Jobs))
	}
	for _, tc := range []struct {
		name, method, path string
		body               []byte
		status             int
		field              string
	}{
		{"bad state", "GET", "/v1/jobs?state=done", nil, 400, "state"},
		{"bad limit", "GET", "/v1/jobs?limit=0", nil, 400, "limit"},
		{"unknown job", "GET", "/v1/jobs/feed", nil, 404, "id"},
		{"bad callback", "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/vrp", "request": {}, "callback_url": "ftp://x"}`), 400, "callback_url"},
		{"bad request", "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/vrp", "request": {"input": {"stops": [{"id": 3}]}}}`), 400, "request.input.stops[0].id"},
	} {
		r := ts.do(t, tc.method, tc.path, tc.body)
		if r.status != tc.status || errorOf(t, r).Field != tc.field {
			t.Errorf("%s: got %d %s, want %d naming %s", tc.name, r.status, r.body, tc.status, tc.field)
		}
	}
}

// The queue's bound on jobs queued or running gives 429 with Retry-After.
func TestDurableQueueFull(t *testing.T) {
	ts := startDurable(t, func(c *Config, q *jobq.Config) { c.JobWorkers, q.MaxQueued = 0, 2 })
	body := fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s}`, readFixture(t, "vrp_small.json"))
	for i := range 3 {
		r := ts.do(t, "POST", "/v1/jobs", body)
		want := 202
		if i == 2 {
			want = 429
		}
		if r.status != want || want == 429 && r.header.Get("Retry-After") == "" {
			t.Errorf("submission %d: got %d %s, want %d", i, r.status, r.body, want)
		}
	}
	if r := ts.do(t, "GET", "/metrics", nil); !strings.Contains(string(r.body), `fulfil_queue_depth{pool="jobs"} 2`) {
		t.Errorf("metrics: want fulfil_queue_depth{pool=\"jobs\"} 2 (shared queue depth)")
	}
}

// A job held in memory cannot call back: the memory store says so.
func TestMemoryJobsRefuseCallbacks(t *testing.T) {
	ts := startServer(t, nil)
	r := ts.do(t, "POST", "/v1/jobs", fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s, "callback_url": "http://127.0.0.1:1/"}`, readFixture(t, "vrp_small.json")))
	if r.status != 400 || errorOf(t, r).Field != "callback_url" {
		t.Errorf("got %d %s, want 400 naming callback_url", r.status, r.body)
	}
}

// A job's callback URL gets its final status, result included; a failed
// delivery is retried.
func TestDurableCallback(t *testing.T) {
	var mu sync.Mutex
	var got []JobStatus
	var hits int
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if hits++; hits == 1 {
			w.WriteHeader(503) // the first try fails
			return
		}
		var s JobStatus
		json.NewDecoder(r.Body).Decode(&s)
		if r.Header.Get("X-Fulfil-Job") != s.ID {
			t.Errorf("X-Fulfil-Job %q, body id %q", r.Header.Get("X-Fulfil-Job"), s.ID)
		}
		got = append(got, s)
	}))
	defer cb.Close()
	ts := startDurable(t, func(_ *Config, q *jobq.Config) { q.CallbackBackoff = 10 * time.Millisecond })
	r := ts.do(t, "POST", "/v1/jobs", fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s, "callback_url": %q}`, readFixture(t, "vrp_small.json"), cb.URL+"/done"))
	if r.status != 202 {
		t.Fatalf("POST /v1/jobs: %d %s", r.status, r.body)
	}
	var st JobStatus
	strictJSON(t, r.body, &st)
	end := pollJob(t, ts, st.ID, func(s JobStatus) bool { return s.Callback != "" })
	mu.Lock()
	defer mu.Unlock()
	if end.Callback != "delivered" || hits != 2 || len(got) != 1 || got[0].State != JobSucceeded || !bytes.Equal(got[0].Result, end.Result) || got[0].CallbackURL != cb.URL+"/done" {
		t.Errorf("callback %q after %d tries; received %+v; want delivered on the second try with the succeeded status and result", end.Callback, hits, got)
	}
}
