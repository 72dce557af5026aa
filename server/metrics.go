package server

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// metrics holds the server's counters and histograms and writes them in
// the Prometheus text exposition format (version 0.0.4). Gauges (queue
// depth, busy workers, jobs by state) are read when scraped.
type metrics struct {
	mu         sync.Mutex
	requests   map[routeCode]*atomic.Uint64
	latency    map[string]*histogram // by route
	solves     map[solveKey]*atomic.Uint64
	iterations map[string]*atomic.Uint64 // by solver
	solveTime  map[string]*histogram     // by solver
	decodeTime *histogram                // seconds per MB of body
	rejected   map[string]*atomic.Uint64 // by reason
	panics     atomic.Uint64
	start      time.Time
}

type routeCode struct {
	route string
	code  int
}

type solveKey struct {
	solver, outcome string
}

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms: from half a millisecond for a re-routing call to five minutes
// for a nightly job.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300}

// histogram is a cumulative histogram with fixed buckets.
type histogram struct {
	bounds []float64
	counts []atomic.Uint64 // per bucket, not cumulative; last is +Inf
	sum    atomic.Uint64   // float64 bits
	n      atomic.Uint64
}

func newHistogram(bounds []float64) *histogram {
	return &histogram{bounds: bounds, counts: make([]atomic.Uint64, len(bounds)+1)}
}

func (h *histogram) observe(v float64) {
	i, _ := slices.BinarySearch(h.bounds, v)
	h.counts[i].Add(1)
	h.n.Add(1)
	for {
		old := h.sum.Load()
		if h.sum.CompareAndSwap(old, math.Float64bits(math.Float64frombits(old)+v)) {
			return
		}
	}
}

func newMetrics() *metrics {
	return &metrics{
		requests:   make(map[routeCode]*atomic.Uint64),
		latency:    make(map[string]*histogram),
		solves:     make(map[solveKey]*atomic.Uint64),
		iterations: make(map[string]*atomic.Uint64),
		solveTime:  make(map[string]*histogram),
		decodeTime: newHistogram([]float64{0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1}),
		rejected:   make(map[string]*atomic.Uint64),
		start:      time.Now(),
	}
}

func counter[K comparable](mu *sync.Mutex, m map[K]*atomic.Uint64, k K) *atomic.Uint64 {
	mu.Lock()
	defer mu.Unlock()
	c, ok := m[k]
	if !ok {
		c = new(atomic.Uint64)
		m[k] = c
	}
	return c
}

func hist(mu *sync.Mutex, m map[string]*histogram, k string) *histogram {
	mu.Lock()
	defer mu.Unlock()
	h, ok := m[k]
	if !ok {
		h = newHistogram(latencyBuckets)
		m[k] = h
	}
	return h
}

// request records one answered request.
func (m *metrics) request(route string, code int, d time.Duration) {
	counter(&m.mu, m.requests, routeCode{route, code}).Add(1)
	hist(&m.mu, m.latency, route).observe(d.Seconds())
}

// solve records one solver run: outcome is "ok", "infeasible", "invalid",
// "error" or "canceled".
func (m *metrics) solve(solver, outcome string, iterations int64, d time.Duration) {
	counter(&m.mu, m.solves, solveKey{solver, outcome}).Add(1)
	if iterations > 0 {
		counter(&m.mu, m.iterations, solver).Add(uint64(iterations))
	}
	hist(&m.mu, m.solveTime, solver).observe(d.Seconds())
}

func (m *metrics) reject(reason string) { counter(&m.mu, m.rejected, reason).Add(1) }

// decoded records the decode time of a body of n bytes, per MB.
func (m *metrics) decoded(n int, d time.Duration) {
	if n >= 64<<10 {
		m.decodeTime.observe(d.Seconds() / (float64(n) / (1 << 20)))
	}
}

// gauges are the values read at scrape time.
type gauges struct {
	syncQueue, syncCap, syncBusy, syncWorkers int
	jobQueue, jobCap, jobBusy, jobWorkers     int
	jobs                                      map[JobState]int
	ready, draining                           bool
}

// write writes every metric in the text exposition format.
func (m *metrics) write(g gauges) []byte {
	var b bytes.Buffer
	m.mu.Lock()
	defer m.mu.Unlock()

	head := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	head("fulfil_http_requests_total", "counter", "HTTP requests answered, by route and status code.")
	keys := sortedKeys(m.requests, func(a, b routeCode) int {
		if a.route != b.route {
			return cmpString(a.route, b.route)
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "fulfil_http_requests_total{route=%q,code=\"%d\"} %d\n", k.route, k.code, m.requests[k].Load())
	}
	head("fulfil_http_request_duration_seconds", "histogram", "Time from reading a request to writing its response, by route.")
	for _, r := range sortedKeys(m.latency, cmpString) {
		writeHist(&b, "fulfil_http_request_duration_seconds", "route", r, m.latency[r])
	}
	head("fulfil_solves_total", "counter", "Solver runs, by solver and outcome (ok, infeasible, invalid, error, canceled).")
	for _, k := range sortedKeys(m.solves, func(a, b solveKey) int {
		if a.solver != b.solver {
			return cmpString(a.solver, b.solver)
		}
		return cmpString(a.outcome, b.outcome)
	}) {
		fmt.Fprintf(&b, "fulfil_solves_total{solver=%q,outcome=%q} %d\n", k.solver, k.outcome, m.solves[k].Load())
	}
	head("fulfil_solver_iterations_total", "counter", "Search iterations reported by the solvers' stats, by solver.")
	for _, s := range sortedKeys(m.iterations, cmpString) {
		fmt.Fprintf(&b, "fulfil_solver_iterations_total{solver=%q} %d\n", s, m.iterations[s].Load())
	}
	head("fulfil_solve_duration_seconds", "histogram", "Solver run time on a worker, by solver.")
	for _, s := range sortedKeys(m.solveTime, cmpString) {
		writeHist(&b, "fulfil_solve_duration_seconds", "solver", s, m.solveTime[s])
	}
	head("fulfil_decode_seconds_per_megabyte", "histogram", "JSON decode time per MB of request body, for bodies of 64 KiB or more.")
	writeHist(&b, "fulfil_decode_seconds_per_megabyte", "", "", m.decodeTime)
	head("fulfil_rejected_total", "counter", "Requests refused before solving, by reason (overloaded, draining, queue_timeout).")
	for _, r := range sortedKeys(m.rejected, cmpString) {
		fmt.Fprintf(&b, "fulfil_rejected_total{reason=%q} %d\n", r, m.rejected[r].Load())
	}
	head("fulfil_panics_total", "counter", "Panics recovered in handlers and solvers.")
	fmt.Fprintf(&b, "fulfil_panics_total %d\n", m.panics.Load())

	head("fulfil_queue_depth", "gauge", "Tasks waiting for a worker, by pool.")
	fmt.Fprintf(&b, "fulfil_queue_depth{pool=\"sync\"} %d\nfulfil_queue_depth{pool=\"jobs\"} %d\n", g.syncQueue, g.jobQueue)
	head("fulfil_queue_capacity", "gauge", "Queue bound, by pool.")
	fmt.Fprintf(&b, "fulfil_queue_capacity{pool=\"sync\"} %d\nfulfil_queue_capacity{pool=\"jobs\"} %d\n", g.syncCap, g.jobCap)
	head("fulfil_workers_busy", "gauge", "Workers running a task, by pool.")
	fmt.Fprintf(&b, "fulfil_workers_busy{pool=\"sync\"} %d\nfulfil_workers_busy{pool=\"jobs\"} %d\n", g.syncBusy, g.jobBusy)
	head("fulfil_workers", "gauge", "Workers, by pool.")
	fmt.Fprintf(&b, "fulfil_workers{pool=\"sync\"} %d\nfulfil_workers{pool=\"jobs\"} %d\n", g.syncWorkers, g.jobWorkers)
	head("fulfil_jobs", "gauge", "Jobs held, by state.")
	for _, s := range []JobState{JobQueued, JobRunning, JobSucceeded, JobFailed, JobCancelled} {
		fmt.Fprintf(&b, "fulfil_jobs{state=%q} %d\n", s, g.jobs[s])
	}
	head("fulfil_ready", "gauge", "1 when /readyz answers 200.")
	fmt.Fprintf(&b, "fulfil_ready %d\n", b2i(g.ready))
	head("fulfil_draining", "gauge", "1 while shutting down.")
	fmt.Fprintf(&b, "fulfil_draining %d\n", b2i(g.draining))
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	head("fulfil_heap_inuse_bytes", "gauge", "Bytes in in-use heap spans.")
	fmt.Fprintf(&b, "fulfil_heap_inuse_bytes %d\n", ms.HeapInuse)
	head("fulfil_goroutines", "gauge", "Goroutines that exist.")
	fmt.Fprintf(&b, "fulfil_goroutines %d\n", runtime.NumGoroutine())
	head("fulfil_uptime_seconds", "gauge", "Seconds since the server was created.")
	fmt.Fprintf(&b, "fulfil_uptime_seconds %g\n", time.Since(m.start).Seconds())
	return b.Bytes()
}

func writeHist(b *bytes.Buffer, name, label, value string, h *histogram) {
	lbl := ""
	if label != "" {
		lbl = fmt.Sprintf("%s=%q,", label, value)
	}
	var cum uint64
	for i, ub := range h.bounds {
		cum += h.counts[i].Load()
		fmt.Fprintf(b, "%s_bucket{%sle=\"%s\"} %d\n", name, lbl, strconv.FormatFloat(ub, 'g', -1, 64), cum)
	}
	cum += h.counts[len(h.bounds)].Load()
	fmt.Fprintf(b, "%s_bucket{%sle=\"+Inf\"} %d\n", name, lbl, cum)
	sel := ""
	if label != "" {
		sel = fmt.Sprintf("{%s=%q}", label, value)
	}
	fmt.Fprintf(b, "%s_sum%s %g\n%s_count%s %d\n", name, sel, math.Float64frombits(h.sum.Load()), name, sel, cum)
}

func sortedKeys[K comparable, V any](m map[K]V, cmp func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp)
	return keys
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
