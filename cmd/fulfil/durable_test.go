package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fulfil/server"
)

// TestBinary starts the real fulfil binary, built here, and kills it with
// SIGKILL: durable jobs survive a crash and a restart on the same data
// directory, two instances on one NATS share the work, and a job whose
// worker dies is run again, once, by another.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs processes")
	}
	bin := filepath.Join(t.TempDir(), "fulfil")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	vrp, err := os.ReadFile("../../server/testdata/vrp_small.json")
	if err != nil {
		t.Fatal(err)
	}
	var req map[string]any
	if err := json.Unmarshal(vrp, &req); err != nil {
		t.Fatal(err)
	}
	// job runs the small routing case for secs seconds of search.
	job := func(secs float64, callback string) []byte {
		req["options"] = map[string]any{"time_limit_s": secs, "seed": 7, "use_full_limit": true}
		b, _ := json.Marshal(map[string]any{"endpoint": "/v1/vrp", "request": req, "callback_url": callback})
		return b
	}

	t.Run("kill -9 and restart", func(t *testing.T) {
		dir, addr := t.TempDir(), freeAddr(t)
		args := []string{"serve", "--addr", addr, "--data-dir", dir, "--job-workers", "1", "--job-ack-wait", "3s"}
		p := start(t, bin, addr, args...)
		running := submit(t, addr, job(3, ""))
		queued := submit(t, addr, job(0.3, ""))
		await(t, addr, running.ID, func(s server.JobStatus) bool { return s.State == server.JobRunning })
		if s := status(t, addr, queued.ID); s.State != server.JobQueued {
			t.Fatalf("second job: got %s, want queued behind the first", s.State)
		}
		p.kill()
		start(t, bin, addr, args...)
		for _, id := range []string{running.ID, queued.ID} {
			s := await(t, addr, id, final)
			if s.State != server.JobSucceeded || len(s.Result) == 0 {
				t.Errorf("job %s after the restart: got %s with %d result bytes, want succeeded with a result", id, s.State, len(s.Result))
			}
		}
		if s := status(t, addr, running.ID); s.Attempts != 2 {
			t.Errorf("the job running at the kill: got %d attempts, want 2", s.Attempts)
		}
		var l server.JobList
		get(t, addr, "/v1/jobs?state=succeeded", &l)
		if len(l.Jobs) != 2 {
			t.Errorf("GET /v1/jobs?state=succeeded: got %d jobs, want 2", len(l.Jobs))
		}
	})

	t.Run("two instances share the work", func(t *testing.T) {
		a, b, natsAddr := freeAddr(t), freeAddr(t), freeAddr(t)
		start(t, bin, a, "serve", "--addr", a, "--data-dir", t.TempDir(), "--nats-listen", natsAddr, "--job-workers", "1")
		start(t, bin, b, "serve", "--addr", b, "--nats", "nats://"+natsAddr, "--job-workers", "1")
		var ids []string
		for i := range 20 {
			ids = append(ids, submit(t, []string{a, b}[i%2], job(0.2, "")).ID)
		}
		workers := map[string]int{}
		for _, id := range ids {
			s := await(t, b, id, final)
			if s.State != server.JobSucceeded || len(s.Result) == 0 || s.Attempts != 1 {
				t.Errorf("job %s: got %s after %d attempts, want succeeded after 1", id, s.State, s.Attempts)
			}
			workers[s.Worker]++
		}
		if len(workers) != 2 {
			t.Errorf("jobs by worker: got %v, want both instances to run some", workers)
		}
		t.Logf("jobs by worker: %v", workers)
	})

	t.Run("worker killed mid-job", func(t *testing.T) {
		var mu sync.Mutex
		var calls []server.JobStatus
		cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var s server.JobStatus
			json.NewDecoder(r.Body).Decode(&s)
			mu.Lock()
			calls = append(calls, s)
			mu.Unlock()
		}))
		defer cb.Close()
		api, natsAddr, w1, w2 := freeAddr(t), freeAddr(t), freeAddr(t), freeAddr(t)
		common := []string{"--job-ack-wait", "3s"}
		start(t, bin, api, append([]string{"serve", "--addr", api, "--data-dir", t.TempDir(), "--nats-listen", natsAddr, "--job-workers", "0"}, common...)...)
		first := start(t, bin, w1, append([]string{"worker", "--addr", w1, "--nats", "nats://" + natsAddr, "--job-workers", "1"}, common...)...)
		id := submit(t, api, job(2, cb.URL)).ID
		s := await(t, api, id, func(s server.JobStatus) bool { return s.State == server.JobRunning })
		first.kill()
		start(t, bin, w2, append([]string{"worker", "--addr", w2, "--nats", "nats://" + natsAddr, "--job-workers", "1"}, common...)...)
		end := await(t, api, id, func(s server.JobStatus) bool { return s.Callback != "" })
		if end.State != server.JobSucceeded || len(end.Result) == 0 || end.Attempts != 2 || end.Worker == s.Worker || end.Callback != "delivered" {
			t.Errorf("got %s after %d attempts on %s (first on %s), callback %q; want succeeded after 2 attempts on another worker, callback delivered",
				end.State, end.Attempts, end.Worker, s.Worker, end.Callback)
		}
		time.Sleep(3500 * time.Millisecond) // past an ack wait: a duplicate would show
		mu.Lock()
		defer mu.Unlock()
		if len(calls) != 1 || calls[0].ID != id || calls[0].State != server.JobSucceeded || !bytes.Equal(calls[0].Result, end.Result) {
			t.Errorf("callbacks: got %d (%+v), want one with the succeeded job and its result", len(calls), calls)
		}
	})
}

func final(s server.JobStatus) bool {
	return s.State == server.JobSucceeded || s.State == server.JobFailed || s.State == server.JobCancelled
}

// proc is a running fulfil process.
type proc struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	done   chan struct{}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *proc) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// start runs the binary with args and waits until addr answers /readyz;
// the test's end stops it with SIGTERM (SIGKILL after 10 s).
func start(t *testing.T, bin, addr string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), stderr: new(bytes.Buffer), done: make(chan struct{})}
	p.cmd.Stderr = &syncWriter{w: p.stderr}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			p.kill()
		}
		if t.Failed() {
			t.Logf("fulfil %s:\n%s", strings.Join(args, " "), p.stderr)
		}
	})
	for deadline := time.Now().Add(30 * time.Second); ; {
		if r, err := http.Get("http://" + addr + "/readyz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return p
			}
		}
		select {
		case <-p.done:
			t.Fatalf("fulfil %s exited: %s", strings.Join(args, " "), p.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("fulfil %s not ready after 30 s", strings.Join(args, " "))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// freeAddr returns a loopback address with a port free just now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func submit(t *testing.T, addr string, body []byte) server.JobStatus {
	t.Helper()
	r, err := http.Post("http://"+addr+"/v1/jobs", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	var s server.JobStatus
	if r.StatusCode != 202 || json.Unmarshal(b, &s) != nil || s.ID == "" {
		t.Fatalf("POST /v1/jobs: %d %s", r.StatusCode, b)
	}
	return s
}

func get(t *testing.T, addr, path string, v any) {
	t.Helper()
	r, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	if r.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", path, r.StatusCode, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v: %s", path, err, b)
	}
}

func status(t *testing.T, addr, id string) server.JobStatus {
	t.Helper()
	var s server.JobStatus
	get(t, addr, "/v1/jobs/"+id, &s)
	return s
}

// await polls a job until until holds, for at most 60 s.
func await(t *testing.T, addr, id string, until func(server.JobStatus) bool) server.JobStatus {
	t.Helper()
	var s server.JobStatus
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if s = status(t, addr, id); until(s) {
			return s
		}
	}
	t.Fatalf("job %s stuck: %s", id, fmt.Sprint(s))
	return s
}
