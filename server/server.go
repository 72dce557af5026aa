package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"

	"fulfil/apikey"
	"fulfil/jobq"
	"fulfil/solver"
	"fulfil/solver/stock"
)

// Config is the server's configuration. DefaultConfig returns a usable
// one; zero numbers are errors, not defaults.
type Config struct {
	// Addr is the address to listen on, such as "127.0.0.1:8080".
	Addr string
	// AdminAddr, when not empty, serves net/http/pprof under /debug/pprof/
	// on a separate listener. Keep it on loopback.
	AdminAddr string

	// MaxBodyBytes bounds a request body, and a gzip body once unpacked.
	MaxBodyBytes int
	// MaxStops bounds routing stops and allocation pickup points.
	MaxStops int
	// MaxVehicles bounds routing vehicles (the sum of counts, a count of 0
	// counting as one) and depots, wave trucks and allocation warehouses.
	MaxVehicles int
	// MaxOrders bounds wave orders and locations, picker-routing picks,
	// allocation stock and demand rows and transfer positions.
	MaxOrders int

	// Workers solve synchronous requests; Queue bounds how many more are
	// admitted to wait for one (0: admit only when a worker is free, so
	// that under overload an admitted request waits for nobody). Beyond
	// Workers + Queue a request gets 429 before its body is read.
	Workers int
	Queue   int
	// JobWorkers run jobs; JobQueue bounds queued jobs and MaxJobs all jobs
	// held (queued, running and ended within JobRetention). JobBytes bounds
	// the summed request sizes of the jobs not yet ended, and so the memory
	// their decoded inputs hold.
	JobWorkers int
	JobQueue   int
	MaxJobs    int
	JobBytes   int
	// JobResultBytes bounds the summed result sizes of the ended jobs
	// held; beyond it the oldest results are dropped (result_purged).
	JobResultBytes int
	JobRetention   time.Duration

	// SyncLimit caps the time limit of a synchronous request; longer
	// solves go through /v1/jobs. JobLimit caps a job's. DefaultTimeLimit
	// is the routing time limit when a request gives neither time_limit_s
	// nor iterations.
	SyncLimit        time.Duration
	JobLimit         time.Duration
	DefaultTimeLimit time.Duration

	// DrainLinger is how long Shutdown keeps answering job status requests
	// after every job has ended, so that pollers see the final states.
	DrainLinger time.Duration

	// Jobs, when set, keeps jobs durable in a JetStream queue shared by
	// every process on the same NATS (package jobq) instead of in this
	// process's memory; the queue's own Config bounds them then, in place
	// of JobQueue, MaxJobs, JobBytes, JobResultBytes and JobRetention.
	// JobWorkers is how
	// many this process runs at once, and may be 0 (an API-only process).
	// The caller opens and closes the queue.
	Jobs *jobq.Queue
	// WorkerName names this process in durable job records.
	WorkerName string
	// WorkerOnly answers only /healthz, /readyz and /metrics (a process
	// that runs durable jobs and takes no requests).
	WorkerOnly bool
	// Keys, when set, makes every /v1/ request need Authorization: Bearer
	// with one of its keys (401 otherwise) and holds each key to its rate
	// (429 with Retry-After); /healthz, /readyz, /metrics and
	// /openapi.json stay open.
	Keys *apikey.Set

	// Logger receives request and error logs; nil discards them.
	Logger *slog.Logger
}

// DefaultConfig returns a configuration for one machine: a worker per core
// for synchronous requests with one queue slot each (so that an admitted
// request waits at most about one solve: under overload the admitted keep
// their latency and the rest get 429 at once), half as many workers for
// jobs, 32 MiB bodies and a 30 s cap on synchronous solves.
func DefaultConfig() Config {
	n := runtime.GOMAXPROCS(0)
	return Config{
		Addr:             "127.0.0.1:8080",
		MaxBodyBytes:     32 << 20,
		MaxStops:         2000,
		MaxVehicles:      1000,
		MaxOrders:        200_000,
		Workers:          n,
		Queue:            n,
		JobWorkers:       max(1, n/2),
		JobQueue:         256,
		MaxJobs:          4096,
		JobBytes:         1 << 30,
		JobResultBytes:   1 << 30,
		JobRetention:     time.Hour,
		SyncLimit:        30 * time.Second,
		JobLimit:         30 * time.Minute,
		DefaultTimeLimit: 2 * time.Second,
		DrainLinger:      time.Second,
	}
}

// Validate reports settings that cannot work, naming the field.
func (c Config) Validate() error {
	var v solver.Violations
	pos := func(name string, x int) {
		if x < 1 {
			v.Add(name, "must be >= 1, got %d", x)
		}
	}
	if c.Addr == "" {
		v.Add("Addr", "missing")
	}
	pos("MaxBodyBytes", c.MaxBodyBytes)
	pos("MaxStops", c.MaxStops)
	pos("MaxVehicles", c.MaxVehicles)
	pos("MaxOrders", c.MaxOrders)
	pos("Workers", c.Workers)
	if c.Queue < 0 {
		v.Add("Queue", "must be >= 0, got %d", c.Queue)
	}
	if c.Jobs == nil {
		pos("JobWorkers", c.JobWorkers)
	} else if c.JobWorkers < 0 {
		v.Add("JobWorkers", "must be >= 0, got %d", c.JobWorkers)
	}
	if c.WorkerOnly && (c.Jobs == nil || c.JobWorkers < 1) {
		v.Add("WorkerOnly", "needs a durable job queue (Jobs) and JobWorkers >= 1")
	}
	pos("JobQueue", c.JobQueue)
	pos("MaxJobs", c.MaxJobs)
	pos("JobBytes", c.JobBytes)
	pos("JobResultBytes", c.JobResultBytes)
	if c.MaxJobs < c.JobQueue {
		v.Add("MaxJobs", "must be >= JobQueue (%d), got %d", c.JobQueue, c.MaxJobs)
	}
	durs := []struct {
		name string
		d    time.Duration
	}{{"SyncLimit", c.SyncLimit}, {"JobLimit", c.JobLimit}, {"DefaultTimeLimit", c.DefaultTimeLimit}, {"JobRetention", c.JobRetention}}
	for _, d := range durs {
		if d.d <= 0 {
			v.Add(d.name, "must be > 0, got %v", d.d)
		}
	}
	if c.DefaultTimeLimit > c.SyncLimit {
		v.Add("DefaultTimeLimit", "must be <= SyncLimit (%v), got %v", c.SyncLimit, c.DefaultTimeLimit)
	}
	if c.DrainLinger < 0 {
		v.Add("DrainLinger", "must be >= 0, got %v", c.DrainLinger)
	}
	return v.Err()
}

// Server is the HTTP service. New builds one; Serve or ListenAndServe runs
// it until Shutdown.
type Server struct {
	cfg     Config
	log     *slog.Logger
	codec   codec
	metrics *metrics
	fast    *fasthttp.Server
	sync    *pool
	slots   *slots // synchronous requests admitted, Workers + Queue
	jobPool *pool
	jobs    *jobStore
	workers *jobq.Workers // durable jobs run here, when Config.Jobs is set
	// callbacks posts durable jobs' callbacks.
	callbacks *http.Client
	eps       map[string]*endpoint
	openapi   []byte          // the document served at /openapi.json
	stock     map[string]bool // stock function names

	base       context.Context // ends when Shutdown gives up waiting
	cancelBase context.CancelFunc

	admitMu  sync.RWMutex // Shutdown takes it to flip draining
	draining atomic.Bool
	ready    atomic.Bool
	inflight sync.WaitGroup // synchronous requests admitted

	idPrefix string
	idSeq    atomic.Uint64

	startOnce sync.Once
	stopOnce  sync.Once
	stopped   chan struct{} // closed when Shutdown is done
	admin     *http.Server
}

// New validates cfg and builds a server. It does not listen yet.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("server config: %w", err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var pfx [4]byte
	rand.Read(pfx[:])
	s := &Server{
		cfg:     cfg,
		log:     log,
		codec:   newCodec(),
		metrics: newMetrics(),
		// The queue can hold every admitted request, so that a request
		// holding a slot is never refused by the pool.
		sync:     newPool(cfg.Workers, cfg.Workers+cfg.Queue),
		slots:    newSlots(cfg.Workers + cfg.Queue),
		jobPool:  newPool(max(1, cfg.JobWorkers), cfg.JobQueue),
		jobs:     newJobStore(cfg.MaxJobs, cfg.JobRetention, cfg.JobBytes, cfg.JobResultBytes),
		stock:    make(map[string]bool),
		idPrefix: hex.EncodeToString(pfx[:]),
		stopped:  make(chan struct{}),
		callbacks: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a callback is answered where it was sent
		}},
	}
	s.base, s.cancelBase = context.WithCancel(context.Background())
	for _, f := range stock.Functions() {
		s.stock[f] = true
	}
	s.eps = s.endpoints()
	var err error
	if s.openapi, err = openAPI(); err != nil {
		return nil, err
	}
	s.fast = &fasthttp.Server{
		// Responses are compressed when the client accepts gzip, deflate
		// or zstd and the body is 200 bytes or more: plans for thousands
		// of stops or a million allocation rows are tens of megabytes of
		// JSON that compress about tenfold. BestSpeed keeps the cost near
		// that of encoding them.
		Handler:            fasthttp.CompressHandlerLevel(s.handle, fasthttp.CompressBestSpeed),
		ErrorHandler:       s.transportError,
		Name:               "fulfil",
		MaxRequestBodySize: cfg.MaxBodyBytes,
		// Bodies are streamed: a handler reads one only after admitting
		// the request (see body and discardBody), so that overload cannot
		// make the server buffer a body per open connection.
		StreamRequestBody:            true,
		ReadTimeout:                  2 * time.Minute,
		IdleTimeout:                  2 * time.Minute,
		CloseOnShutdown:              true,
		DisablePreParseMultipartForm: true,
		Logger:                       fastLogger{log},
	}
	return s, nil
}

// fastLogger adapts slog to fasthttp's logger.
type fastLogger struct{ l *slog.Logger }

func (f fastLogger) Printf(format string, args ...any) { f.l.Warn(fmt.Sprintf(format, args...)) }

// start compiles the decoders and starts the workers, once; the server is
// ready after it.
func (s *Server) start() {
	s.startOnce.Do(func() {
		s.sync.start()
		s.jobPool.start()
		if s.cfg.Jobs != nil && s.cfg.JobWorkers > 0 {
			s.workers = s.cfg.Jobs.Start(s.cfg.JobWorkers, s.cfg.WorkerName, s.runDurable, s.notify, s.log)
		}
		go func() {
			err := s.codec.pretouch(
				reflect.TypeFor[VRPRequest](), reflect.TypeFor[WaveRequest](), reflect.TypeFor[PickRouteRequest](),
				reflect.TypeFor[AllocationRequest](), reflect.TypeFor[TransferRequest](), reflect.TypeFor[JobRequest](),
				reflect.TypeFor[PlanRequest]())
			if err != nil {
				s.log.Warn("pretouch", "err", err)
			}
			s.ready.Store(true)
			s.log.Info("ready")
		}()
	})
}

// Ready reports whether /readyz would answer 200.
func (s *Server) Ready() bool {
	_, ok := s.readiness()
	return ok
}

func (s *Server) readiness() (string, bool) {
	switch {
	case s.draining.Load():
		return "draining", false
	case !s.ready.Load():
		return "starting", false
	case s.cfg.Jobs != nil && !s.cfg.Jobs.Connected():
		return "nats_disconnected", false
	case s.slots.full():
		return "saturated", false
	}
	return "ok", true
}

// Serve answers requests on ln until Shutdown has finished. It returns nil
// after a graceful shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.start()
	if s.cfg.AdminAddr != "" {
		if err := s.serveAdmin(); err != nil {
			return err
		}
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "workers", s.cfg.Workers, "queue", s.cfg.Queue,
		"job_workers", s.cfg.JobWorkers, "max_body_bytes", s.cfg.MaxBodyBytes)
	if err := s.fast.Serve(ln); err != nil {
		return err
	}
	<-s.stopped
	return nil
}

// ListenAndServe listens on Config.Addr and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ln)
}

// serveAdmin serves pprof on AdminAddr with net/http.
func (s *Server) serveAdmin() error {
	ln, err := net.Listen("tcp", s.cfg.AdminAddr)
	if err != nil {
		return fmt.Errorf("listening on the admin address %s: %w", s.cfg.AdminAddr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	s.admin = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := s.admin.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("admin server", "err", err)
		}
	}()
	s.log.Info("admin listening", "addr", ln.Addr().String())
	return nil
}

// Shutdown drains the server: readiness turns false and new solves get
// 503 at once; queued jobs end as cancelled; running jobs and admitted
// synchronous requests run to their deadlines. When ctx ends first, they
// are cancelled and end with their best result so far (jobs as
// cancelled). Job status stays readable throughout and for DrainLinger
// after the last job ends, even when that outlasts ctx; then the listener
// closes and Serve returns.
func (s *Server) Shutdown(ctx context.Context) error {
	var err error
	s.stopOnce.Do(func() {
		defer close(s.stopped)
		s.admitMu.Lock()
		s.draining.Store(true)
		s.admitMu.Unlock()
		s.log.Info("draining")
		s.jobs.drain()
		if s.workers != nil {
			// Running durable jobs finish by ctx or go back to the queue.
			s.workers.Stop(ctx)
		}

		idle := make(chan struct{})
		go func() {
			s.jobs.running.Wait()
			s.inflight.Wait()
			close(idle)
		}()
		select {
		case <-idle:
		case <-ctx.Done():
			s.log.Warn("shutdown deadline: cancelling running work")
			s.jobs.cancelRunning()
			s.cancelBase()
			<-idle // solvers honour their context
		}
		if s.cfg.DrainLinger > 0 && s.jobs.held() > 0 {
			time.Sleep(s.cfg.DrainLinger) // even past ctx: pollers must see the final states
		}
		s.sync.stop()
		s.jobPool.stop()
		s.cancelBase()
		closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if e := s.fast.ShutdownWithContext(closeCtx); e != nil {
			err = fmt.Errorf("closing connections: %w", e)
		}
		if s.admin != nil {
			if e := s.admin.Shutdown(closeCtx); e != nil && err == nil {
				err = fmt.Errorf("closing the admin server: %w", e)
			}
		}
		s.log.Info("stopped")
	})
	return err
}

// requestID returns the caller's X-Request-Id when it is short and plain,
// or a new id.
func (s *Server) requestID(rc *fasthttp.RequestCtx) string {
	if h := rc.Request.Header.Peek("X-Request-Id"); len(h) > 0 && len(h) <= 64 && plainID(h) {
		return string(h)
	}
	return s.idPrefix + "-" + strconv.FormatUint(s.idSeq.Add(1), 36)
}

func plainID(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// handle is the fasthttp handler: route, answer, record, log.
func (s *Server) handle(rc *fasthttp.RequestCtx) {
	start := time.Now()
	id := s.requestID(rc)
	rc.Response.Header.Set("X-Request-Id", id)
	route := "other"
	defer func() {
		defer s.discardBody(rc)
		if r := recover(); r != nil {
			s.metrics.panics.Add(1)
			s.log.Error("panic in handler", "request_id", id, "panic", fmt.Sprint(r), "stack", stack())
			rc.Response.Reset()
			rc.Response.Header.Set("X-Request-Id", id)
			s.writeError(rc, toAPI(&solver.PanicError{Value: r}, 0), id)
		}
		code := rc.Response.StatusCode()
		d := time.Since(start)
		s.metrics.request(route, code, d)
		lvl := slog.LevelInfo
		if code >= 500 {
			lvl = slog.LevelError
		}
		s.log.Log(context.Background(), lvl, "request", "request_id", id, "method", string(rc.Method()),
			"path", string(rc.Path()), "route", route, "status", code, "duration_ms", float64(d.Microseconds())/1000,
			"bytes_in", max(0, rc.Request.Header.ContentLength()), "bytes_out", len(rc.Response.Body()), "key", rc.UserValue(keyName{}))
	}()
	route = s.route(rc, string(rc.Path()), id)
}

// route dispatches by path and method and returns the route label.
func (s *Server) route(rc *fasthttp.RequestCtx, path, id string) string {
	method := string(rc.Method())
	only := func(methods ...string) bool {
		for _, m := range methods {
			if method == m {
				return true
			}
		}
		rc.Response.Header.Set("Allow", strings.Join(methods, ", "))
		s.writeError(rc, &apiError{status: fasthttp.StatusMethodNotAllowed, code: CodeMethodNotAllowed,
			msg: fmt.Sprintf("%s does not allow %s; use %s", path, method, strings.Join(methods, " or "))}, id)
		return false
	}
	switch {
	case path == "/healthz":
		if only("GET", "HEAD") {
			s.writeJSON(rc, 200, statusBody{Status: "ok"})
		}
		return path
	case path == "/readyz":
		if only("GET", "HEAD") {
			s.serveReady(rc)
		}
		return path
	case path == "/metrics":
		if only("GET") {
			s.serveMetrics(rc)
		}
		return path
	case path == "/openapi.json":
		if only("GET") {
			rc.SetContentType("application/json")
			rc.SetBody(s.openapi)
		}
		return path
	case s.cfg.WorkerOnly:
		s.writeError(rc, notFound("", "no route %s: this process only runs jobs; send requests to the API", path), id)
		return "other"
	case strings.HasPrefix(path, "/v1/") && !s.authorize(rc, id):
		return "other"
	case path == "/v1/jobs":
		switch {
		case !only("GET", "POST"):
		case method == "GET":
			s.listJobs(rc, id)
		default:
			s.submit(rc, id, s.decodeJob)
		}
		return path
	case strings.HasPrefix(path, "/v1/jobs/"):
		jobID, sub, hasSub := strings.Cut(path[len("/v1/jobs/"):], "/")
		name, isFile := strings.CutPrefix(sub, "files/")
		switch {
		case !hasSub:
		case sub == "files":
			if only("GET") {
				s.serveFiles(rc, jobID, "", id)
			}
			return "/v1/jobs/{id}/files"
		case isFile && name != "" && !strings.Contains(name, "/"):
			if only("GET") {
				s.serveFiles(rc, jobID, name, id)
			}
			return "/v1/jobs/{id}/files/{name}"
		default:
			s.writeError(rc, notFound("", "no route %s; see /openapi.json", path), id)
			return "other"
		}
		switch {
		case !only("GET", "DELETE"):
		case s.cfg.Jobs != nil:
			s.serveDurable(rc, jobID, method == "DELETE", id)
		default:
			s.serveJob(rc, jobID, method == "DELETE", id)
		}
		return "/v1/jobs/{id}"
	case path == "/v1/stock":
		if only("GET") {
			s.writeJSON(rc, 200, StockFunctions{Functions: stock.Functions()})
		}
		return path
	}
	ep, fn, label := s.lookup(path)
	if ep == nil {
		s.writeError(rc, notFound("", "no route %s; see /openapi.json", path), id)
		return "other"
	}
	if only("POST") {
		switch {
		case fn != "" && !s.stock[fn]:
			s.writeError(rc, notFound("function", "unknown stock function %q; GET /v1/stock lists them", fn), id)
		case ep.job:
			s.submit(rc, id, s.directJob(ep))
		default:
			s.serveSolve(rc, ep, fn, id)
		}
	}
	return label
}

// routeList lists every route with its methods (HEAD aside). route and
// openapi.json must agree with it; openapi_test.go checks both.
func routeList() map[string][]string {
	return map[string][]string{
		"/healthz": {"GET"}, "/readyz": {"GET"}, "/metrics": {"GET"}, "/openapi.json": {"GET"},
		"/v1/vrp": {"POST"}, "/v1/vroom": {"POST"}, "/v1/reroute": {"POST"}, "/v1/waves": {"POST"}, "/v1/waves/route": {"POST"},
		"/v1/allocation": {"POST"}, "/v1/transfers": {"POST"},
		"/v1/stock": {"GET"}, "/v1/stock/{function}": {"POST"},
		"/v1/plan": {"POST"},
		"/v1/jobs": {"GET", "POST"}, "/v1/jobs/{id}": {"GET", "DELETE"},
		"/v1/jobs/{id}/files": {"GET"}, "/v1/jobs/{id}/files/{name}": {"GET"},
	}
}

// lookup finds the solving endpoint of path, with the stock function
// name for /v1/stock/{function}, and the route label.
func (s *Server) lookup(path string) (*endpoint, string, string) {
	if ep, ok := s.eps[path]; ok {
		return ep, "", path
	}
	if fn, ok := strings.CutPrefix(path, "/v1/stock/"); ok && fn != "" && !strings.Contains(fn, "/") {
		return s.eps["/v1/stock/{function}"], fn, "/v1/stock/{function}"
	}
	return nil, "", ""
}

// jsonMediaType reports whether a Content-Type header allows a JSON body:
// absent, application/json or a +json type, with any parameters.
func jsonMediaType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "" || mt == "application/json" || (strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"))
}

// body reads the request body into memory the handler owns, unpacked when
// it is gzip, within MaxBodyBytes. Bodies are streamed (Config has
// StreamRequestBody), so this is the first time the bytes past fasthttp's
// small prefetch are read: callers admit the request before calling it.
func (s *Server) body(rc *fasthttp.RequestCtx) ([]byte, error) {
	if ct := string(rc.Request.Header.ContentType()); !jsonMediaType(ct) {
		return nil, &apiError{status: fasthttp.StatusUnsupportedMediaType, code: CodeUnsupportedMedia, field: "Content-Type",
			msg: fmt.Sprintf("unsupported content type %q; send application/json", ct)}
	}
	enc := strings.ToLower(strings.TrimSpace(string(rc.Request.Header.ContentEncoding())))
	switch enc {
	case "", "identity", "gzip", "x-gzip":
	default:
		return nil, &apiError{status: fasthttp.StatusUnsupportedMediaType, code: CodeUnsupportedMedia, field: "Content-Encoding",
			msg: fmt.Sprintf("unsupported content encoding %q; send identity or gzip", enc)}
	}
	var r io.Reader = rc.RequestBodyStream()
	if r == nil { // no body, or a server that does not stream
		r = bytes.NewReader(rc.Request.Body())
	}
	limit := s.cfg.MaxBodyBytes
	if enc == "gzip" || enc == "x-gzip" {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, badRequest("body", "invalid gzip stream: %v", err)
		}
		b, err := readLimit(zr, -1, limit)
		if err != nil {
			if _, ok := err.(*apiError); ok {
				return nil, tooLarge("body", "unpacks to more than %d bytes, the limit", limit)
			}
			return nil, badRequest("body", "invalid gzip stream: %v", err)
		}
		return b, nil
	}
	b, err := readLimit(r, rc.Request.Header.ContentLength(), limit)
	if err != nil {
		if ae, ok := err.(*apiError); ok {
			return nil, ae
		}
		return nil, badRequest("body", "reading the body: %v", err)
	}
	return b, nil
}

// readLimit reads r to its end, at most limit bytes: into one buffer of
// size bytes when the length is known (size >= 0), else growing. Reading
// more than limit is a 413.
func readLimit(r io.Reader, size, limit int) ([]byte, error) {
	if size > limit {
		return nil, tooLarge("body", "larger than %d bytes, the limit", limit)
	}
	if size >= 0 {
		b := make([]byte, size)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if n > int64(limit) {
		return nil, tooLarge("body", "larger than %d bytes, the limit", limit)
	}
	return buf.Bytes(), nil
}

// discardBody reads and drops what the handler left of a streamed body,
// at most MaxBodyBytes, so that a request refused before its body was
// read (429, 503, 404, 405) gets its answer on a connection that stays
// open, without the server holding the body. fasthttp closes the
// connection when more than 256 KiB are left unread, which clients that
// are still sending see as a reset instead of the answer.
func (s *Server) discardBody(rc *fasthttp.RequestCtx) {
	if r := rc.RequestBodyStream(); r != nil {
		io.Copy(io.Discard, io.LimitReader(r, int64(s.cfg.MaxBodyBytes)+1))
	}
}

// transportError answers requests fasthttp could not read.
func (s *Server) transportError(rc *fasthttp.RequestCtx, err error) {
	id := s.requestID(rc)
	rc.Response.Header.Set("X-Request-Id", id)
	var ae *apiError
	if errors.Is(err, fasthttp.ErrBodyTooLarge) {
		ae = tooLarge("body", "larger than %d bytes, the limit", s.cfg.MaxBodyBytes)
	} else {
		ae = badRequest("", "malformed HTTP request: %v", err)
	}
	s.metrics.request("other", ae.status, 0)
	s.writeError(rc, ae, id)
}

// writeJSON encodes v as the response with the given status.
func (s *Server) writeJSON(rc *fasthttp.RequestCtx, status int, v any) {
	b, err := s.codec.encode(v)
	if err != nil {
		s.log.Error("encoding a response", "err", err)
		status, b = 500, []byte(`{"error":{"code":"internal","message":"internal error; quote the request id when reporting it"}}`)
	}
	rc.SetStatusCode(status)
	rc.SetContentType("application/json")
	rc.SetBody(b)
}

func stack() string {
	buf := make([]byte, 16<<10)
	return string(buf[:runtime.Stack(buf, false)])
}
