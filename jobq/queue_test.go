package jobq

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// open starts an embedded NATS in a temporary directory and opens a queue
// on it.
func open(t *testing.T, edit func(*Config)) *Queue {
	t.Helper()
	e, err := Embed(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	cfg := DefaultConfig()
	cfg.AckWait, cfg.CallbackBackoff = time.Second, 10*time.Millisecond
	if edit != nil {
		edit(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	q, err := Open(ctx, e.Conn, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

// await polls a job until until holds, for at most 20 s.
func await(t *testing.T, q *Queue, id string, until func(Record) bool) Record {
	t.Helper()
	for range 400 {
		rec, err := q.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if until(rec) {
			return rec
		}
		time.Sleep(50 * time.Millisecond)
	}
	rec, _ := q.Get(context.Background(), id)
	t.Fatalf("job %s stuck at %+v", id, rec)
	return Record{}
}

func ended(r Record) bool { return r.State.Final() }

// echo returns the request, reversed, as the result; "fail" fails and
// "block" waits for ctx.
func echo(ctx context.Context, rec Record, req []byte) Outcome {
	switch string(req) {
	case "fail":
		return Outcome{Error: json.RawMessage(`{"code":"infeasible","message":"no"}`)}
	case "block":
		<-ctx.Done()
		return Outcome{Result: []byte(`"partial"`)}
	}
	out := make([]byte, len(req))
	for i, c := range req {
		out[len(req)-1-i] = c
	}
	return Outcome{Result: out}
}

func noNotify(context.Context, Record, []byte) error { return nil }

func TestJobLife(t *testing.T) {
	q := open(t, nil)
	ctx := context.Background()
	w := q.Start(2, "w1", echo, noNotify, nil)
	defer w.Stop(ctx)
	ok, err := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("abc"))
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("fail"))
	long, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 30}, []byte("block"))

	rec := await(t, q, ok.ID, ended)
	res, err := q.Result(ctx, rec)
	if rec.State != Succeeded || string(res) != "cba" || rec.Attempts != 1 || rec.Worker != "w1" || rec.StartedAt.IsZero() || rec.FinishedAt.IsZero() {
		t.Errorf("ok job: got %+v result %q, want succeeded with cba after one attempt", rec, res)
	}
	if rec := await(t, q, bad.ID, ended); rec.State != Failed || string(rec.Error) != `{"code":"infeasible","message":"no"}` {
		t.Errorf("failing job: got %+v", rec)
	}
	await(t, q, long.ID, func(r Record) bool { return r.State == Running })
	if _, err := q.Cancel(ctx, long.ID); err != nil {
		t.Fatal(err)
	}
	rec = await(t, q, long.ID, ended)
	if res, _ := q.Result(ctx, rec); rec.State != Cancelled || string(res) != `"partial"` {
		t.Errorf("cancelled job: got %+v result %q, want cancelled with the partial result", rec, res)
	}
	if got := q.List(Succeeded, 10); len(got) != 1 || got[0].ID != ok.ID {
		t.Errorf("List(succeeded): got %v, want just %s", got, ok.ID)
	}
	if got := q.List("", 2); len(got) != 2 || got[0].ID != long.ID {
		t.Errorf("List(all, 2): got %d records, want 2, newest (%s) first", len(got), long.ID)
	}
	if _, err := q.Get(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(nope): got %v, want ErrNotFound", err)
	}
}

func TestCancelQueuedAndFull(t *testing.T) {
	q := open(t, func(c *Config) { c.MaxQueued = 2 })
	ctx := context.Background()
	a, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("a"))
	b, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("b"))
	if _, err := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("c")); !errors.Is(err, ErrFull) {
		t.Fatalf("third submission to a queue of 2: got %v, want ErrFull", err)
	}
	rec, err := q.Cancel(ctx, a.ID)
	if err != nil || rec.State != Cancelled {
		t.Fatalf("cancelling a queued job: got %+v, %v", rec, err)
	}
	if n, _, _ := q.Depth(ctx); n != 1 {
		t.Errorf("depth after cancelling one of two queued jobs: got %d, want 1", n)
	}
	c, err := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("c"))
	if err != nil {
		t.Fatalf("submitting into the room a cancelled job left: %v", err)
	}
	var runs atomic.Int64
	w := q.Start(1, "w", func(ctx context.Context, r Record, b []byte) Outcome { runs.Add(1); return echo(ctx, r, b) }, noNotify, nil)
	defer w.Stop(ctx)
	await(t, q, b.ID, ended)
	await(t, q, c.ID, ended)
	if rec, _ := q.Get(ctx, a.ID); runs.Load() != 2 || rec.State != Cancelled || !rec.StartedAt.IsZero() {
		t.Errorf("got %d runs and the cancelled job %+v; want 2 runs: the cancelled job must not start", runs.Load(), rec)
	}
}

// A worker that stops mid-job hands it back, uncounted; one that dies (its
// connection closes, so no heartbeat and no hand-back) has it redelivered
// after AckWait; after MaxAttempts lost runs the job fails with
// worker_lost.
func TestRedeliveryAndAttempts(t *testing.T) {
	e, err := Embed(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	cfg := DefaultConfig()
	cfg.AckWait, cfg.MaxAttempts = time.Second, 2
	ctx := context.Background()
	// process opens the queue on a connection of its own, as a process would.
	process := func() (*Queue, func()) {
		nc, err := nats.Connect(e.URL(), nats.InProcessServer(e.Server))
		if err != nil {
			t.Fatal(err)
		}
		q, err := Open(ctx, nc, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return q, func() { nc.Close(); q.Close() }
	}
	q, closeQ := process()
	defer closeQ()
	job, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 30}, []byte("block"))

	w := q.Start(1, "stopping", echo, noNotify, nil)
	await(t, q, job.ID, func(r Record) bool { return r.State == Running && r.Attempts == 1 })
	expired, cancel := context.WithTimeout(ctx, time.Millisecond)
	w.Stop(expired) // times out: the job is handed back
	cancel()
	if rec, _ := q.Get(ctx, job.ID); rec.State != Queued || rec.Attempts != 0 {
		t.Fatalf("after a stop: got %s after %d attempts, want queued after 0", rec.State, rec.Attempts)
	}
	for i := range 2 {
		dq, die := process()
		dw := dq.Start(1, fmt.Sprintf("dying%d", i), echo, noNotify, nil)
		await(t, q, job.ID, func(r Record) bool { return r.State == Running && r.Attempts == i+1 })
		die()
		dw.Stop(expired)
	}
	w = q.Start(1, "last", echo, noNotify, nil)
	defer w.Stop(ctx)
	rec := await(t, q, job.ID, ended)
	if rec.State != Failed || rec.Attempts != 2 || !strings.HasPrefix(string(rec.Error), `{"code":"worker_lost",`) {
		t.Errorf("after 2 lost runs: got %+v, want failed with worker_lost", rec)
	}
	if n, _, _ := q.Depth(ctx); n != 0 {
		t.Errorf("queue depth %d, want 0", n)
	}
}

func TestCallbackRetriesAndBudget(t *testing.T) {
	q := open(t, func(c *Config) { c.ResultBytes = 4000 })
	ctx := context.Background()
	var mu sync.Mutex
	calls := map[string]int{}
	notify := func(_ context.Context, r Record, res []byte) error {
		mu.Lock()
		defer mu.Unlock()
		calls[r.ID]++
		if calls[r.ID] < 3 {
			return errors.New("503")
		}
		return nil
	}
	w := q.Start(1, "w", echo, notify, nil)
	defer w.Stop(ctx)
	big := make([]byte, 1200)
	for i := range big {
		big[i] = 'x'
	}
	var ids []string
	for range 4 {
		r, err := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5, CallbackURL: "http://127.0.0.1:1/cb"}, big)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
		await(t, q, r.ID, func(r Record) bool { return r.Callback != "" })
	}
	for i, id := range ids {
		rec, _ := q.Get(ctx, id)
		res, _ := q.Result(ctx, rec)
		if rec.Callback != "delivered" || calls[id] != 3 {
			t.Errorf("job %d: callback %q after %d calls, want delivered on the third", i, rec.Callback, calls[id])
		}
		if purged := i < 2; rec.ResultPurged != purged || (len(res) == 0) != purged {
			t.Errorf("job %d: purged %v with %d result bytes, want purged %v (budget of two results)", i, rec.ResultPurged, len(res), purged)
		}
	}
	if n, _ := q.ResultBytes(ctx); n > 4000 {
		t.Errorf("result store holds %d bytes, over the budget of 4000", n)
	}
}

// filer succeeds with the request as its result, also served as
// result.txt, and two files of 1000 bytes named a.csv and b.csv; "fail"
// fails with the same outcome.
func filer(_ context.Context, _ Record, req []byte) Outcome {
	out := Outcome{Result: req, ResultFile: "result.txt"}
	for _, name := range []string{"a.csv", "b.csv"} {
		data := []byte(strings.Repeat(name[:1], 1000))
		out.Files = append(out.Files, File{Name: name, ContentType: "text/csv", Data: data})
	}
	if string(req) == "fail" {
		out.Error = json.RawMessage(`{"code":"infeasible","message":"no"}`)
	}
	return out
}

// A succeeded job's files are objects beside its result, read back by
// name; the budget purges a job's result and files together, oldest job
// first; a failed job keeps no files.
func TestFilesBesideResult(t *testing.T) {
	q := open(t, func(c *Config) { c.ResultBytes = 8000 }) // a job takes 3.4 KB with its objects' overhead: two fit, three do not
	ctx := context.Background()
	w := q.Start(1, "w", filer, noNotify, nil)
	defer w.Stop(ctx)
	var recs []Record
	for i := range 3 {
		r, err := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, fmt.Appendf(nil, "job %d", i))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, await(t, q, r.ID, ended))
	}
	for i, rec := range recs[1:] {
		if rec.State != Succeeded || rec.ResultFile != "result.txt" || len(rec.Files) != 2 || rec.Files[1].Name != "b.csv" || rec.Files[1].Bytes != 1000 || rec.Files[1].ContentType != "text/csv" {
			t.Fatalf("job %d: got %+v, want succeeded with result.txt, a.csv and b.csv", i+1, rec)
		}
		res, err := q.File(ctx, rec, "result.txt")
		if err != nil || string(res) != fmt.Sprintf("job %d", i+1) {
			t.Errorf("job %d result.txt: got %q, %v", i+1, res, err)
		}
		b, err := q.File(ctx, rec, "b.csv")
		if err != nil || string(b) != strings.Repeat("b", 1000) {
			t.Errorf("job %d b.csv: got %d bytes, %v; want 1000 b", i+1, len(b), err)
		}
		if _, err := q.File(ctx, rec, "c.csv"); !errors.Is(err, ErrNoFile) {
			t.Errorf("job %d c.csv: got %v, want ErrNoFile", i+1, err)
		}
	}
	first, _ := q.Get(ctx, recs[0].ID)
	if !first.ResultPurged {
		t.Errorf("first job: not purged; want its result and files purged for the third")
	}
	for _, name := range []string{"result.txt", "a.csv", "b.csv"} {
		if _, err := q.File(ctx, first, name); !errors.Is(err, ErrPurged) {
			t.Errorf("first job %s: got %v, want ErrPurged", name, err)
		}
	}
	for _, o := range append(first.objects(), "nothing") {
		if _, err := q.obs.GetInfo(ctx, o); err == nil {
			t.Errorf("object %s of the purged job is still stored", o)
		}
	}
	if n, _ := q.ResultBytes(ctx); n > 8000 {
		t.Errorf("result store holds %d bytes, over the budget of 8000", n)
	}
	bad, _ := q.Submit(ctx, Record{Endpoint: "/v1/x", DeadlineS: 5}, []byte("fail"))
	if rec := await(t, q, bad.ID, ended); rec.State != Failed || len(rec.Files) != 0 || rec.ResultObject == "" {
		t.Errorf("failed job: got %+v, want failed with its result and no files", rec)
	}
}
