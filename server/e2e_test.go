package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fulfil/solver"
	"fulfil/solver/alloc"
	"fulfil/solver/vrp"
	"fulfil/solver/wave"
)

// testServer is a server on a loopback listener.
type testServer struct {
	s    *Server
	url  string
	done chan error
}

// startServer serves on 127.0.0.1:0 with DefaultConfig changed by edit,
// waits until it is ready and shuts it down when the test ends.
func startServer(t *testing.T, edit func(*Config)) *testServer {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Workers, cfg.Queue, cfg.JobWorkers, cfg.JobQueue = 2, 8, 1, 16
	cfg.DrainLinger = 0
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{s: s, url: "http://" + ln.Addr().String(), done: make(chan error, 1)}
	go func() { ts.done <- s.Serve(ln) }()
	for deadline := time.Now().Add(10 * time.Second); !s.Ready(); {
		if time.Now().After(deadline) {
			t.Fatal("server not ready after 10 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-ts.done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return ts
}

var client = &http.Client{Timeout: 60 * time.Second}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (ts *testServer) do(t *testing.T, method, path string, body []byte, header ...string) response {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// strictJSON decodes b into v refusing unknown fields, so that a response
// that does not match the Go type fails.
func strictJSON(t testing.TB, b []byte, v any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		t.Fatalf("decoding %T: %v\n%s", v, err, truncate(b))
	}
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

func errorOf(t *testing.T, r response) ErrorDetail {
	t.Helper()
	var e ErrorBody
	strictJSON(t, r.body, &e)
	return e.Error
}

func TestSolveEndpoints(t *testing.T) {
	ts := startServer(t, nil)
	t.Run("vrp", func(t *testing.T) {
		body := readFixture(t, "vrp_small.json")
		r := ts.do(t, "POST", "/v1/vrp", body)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var req VRPRequest
		strictJSON(t, body, &req)
		var out vrp.Output
		strictJSON(t, r.body, &out)
		rep, err := vrp.Check(&req.Input, &out)
		if err != nil {
			t.Fatal(err)
		}
		if !out.Feasible || !rep.Feasible || len(out.Unassigned) != 0 {
			t.Errorf("feasible %v (check %v), unassigned %v", out.Feasible, rep.Feasible, out.Unassigned)
		}
		if out.Stats.Stop != solver.StopIterations || out.Stats.Seed != 7 || out.Stats.Threads != 1 {
			t.Errorf("stats %+v, want stop on iterations with seed 7 on 1 thread", out.Stats)
		}
		if r.header.Get("X-Request-Id") == "" {
			t.Error("no X-Request-Id")
		}
	})
	t.Run("waves", func(t *testing.T) {
		body := readFixture(t, "wave_small.json")
		r := ts.do(t, "POST", "/v1/waves", body)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var req WaveRequest
		strictJSON(t, body, &req)
		var out wave.Output
		strictJSON(t, r.body, &out)
		if err := verdict(wave.Check(&req.Input, &out)); err != nil {
			t.Fatal(err)
		}
		if len(out.Waves) != 1 || out.Waves[0].Truck != "t1" {
			t.Errorf("got %d waves, want the one of truck t1", len(out.Waves))
		}
		if got, want := out.Waves[0].LoadingOrder, []string{"pp3", "pp2", "pp1"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("loading order %v, want %v", got, want)
		}
		for _, g := range []string{"orders", "auto"} {
			b := edit(t, "wave_small.json", func(m map[string]any) { m["options"] = map[string]any{"bin_grouping": g} })
			r := ts.do(t, "POST", "/v1/waves", b)
			var out wave.Output
			strictJSON(t, r.body, &out)
			if r.status != 200 {
				t.Fatalf("bin_grouping %s: status %d: %s", g, r.status, r.body)
			}
			if err := verdict(wave.Check(&req.Input, &out)); err != nil {
				t.Errorf("bin_grouping %s: %v", g, err)
			}
		}
	})
	t.Run("waves/route", func(t *testing.T) {
		body := readFixture(t, "route_small.json")
		r := ts.do(t, "POST", "/v1/waves/route", body)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var req PickRouteRequest
		strictJSON(t, body, &req)
		var tour wave.Tour
		strictJSON(t, r.body, &tour)
		if err := wave.CheckTour(&req.Layout, req.Picks, tour); err != nil {
			t.Fatal(err)
		}
		// Optimal over every policy: no heuristic walks less.
		for _, p := range wave.Policies() {
			h, err := wave.Route(context.Background(), &req.Layout, req.Picks, p)
			if err != nil {
				t.Fatal(err)
			}
			if h.DistanceM < tour.DistanceM-1e-9 {
				t.Errorf("policy %s walks %g m, less than the optimal %g m", p, h.DistanceM, tour.DistanceM)
			}
		}
	})
	t.Run("allocation", func(t *testing.T) {
		body := readFixture(t, "allocation_small.json")
		r := ts.do(t, "POST", "/v1/allocation", body)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var req AllocationRequest
		strictJSON(t, body, &req)
		var out alloc.Output
		strictJSON(t, r.body, &out)
		opt := alloc.DefaultOptions()
		opt.SplitPenalty = 0
		if err := verdict(alloc.Check(&req.Input, opt, &out)); err != nil {
			t.Fatal(err)
		}
		// north holds 30 of pp1's 40; south sends 10 at 8 and 20 to pp2 at 1.
		if out.UnmetUnits != 0 || out.TransportCost != 30*1+10*8+20*1 {
			t.Errorf("unmet %d, transport cost %d; want 0 and 130", out.UnmetUnits, out.TransportCost)
		}
	})
	t.Run("transfers", func(t *testing.T) {
		body := readFixture(t, "transfers_small.json")
		r := ts.do(t, "POST", "/v1/transfers", body)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var req TransferRequest
		strictJSON(t, body, &req)
		var out alloc.TransferOutput
		strictJSON(t, r.body, &out)
		if err := verdict(alloc.CheckTransfer(&req.Input, alloc.DefaultTransferOptions(), &out)); err != nil {
			t.Fatal(err)
		}
		if len(out.Moves) != 1 || out.Moves[0].From != "A" || out.Moves[0].To != "B" || out.Moves[0].Units%10 != 0 {
			t.Errorf("moves %+v, want whole lots from A to B", out.Moves)
		}
	})
	t.Run("stock", func(t *testing.T) {
		r := ts.do(t, "POST", "/v1/stock/newsvendor_normal", readFixture(t, "stock_newsvendor_normal.json"))
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var out struct {
			BaseStockLevel float64 `json:"base_stock_level"`
			Cost           float64 `json:"cost"`
			CriticalRatio  float64 `json:"critical_ratio"`
		}
		strictJSON(t, r.body, &out)
		// S = μ + σ·Φ⁻¹(4/5) with Φ⁻¹(0.8) = 0.8416212335729143.
		if want := 100 + 20*0.8416212335729143; math.Abs(out.BaseStockLevel-want) > 1e-6 || out.CriticalRatio != 0.8 {
			t.Errorf("got %+v, want base stock %g and ratio 0.8", out, want)
		}
		r = ts.do(t, "GET", "/v1/stock", nil)
		var fs StockFunctions
		strictJSON(t, r.body, &fs)
		if r.status != 200 || !strings.Contains(strings.Join(fs.Functions, ","), "newsvendor_normal") {
			t.Errorf("GET /v1/stock: %d %s", r.status, r.body)
		}
	})
	t.Run("gzip", func(t *testing.T) {
		r := ts.do(t, "POST", "/v1/vrp", gzipped(t, readFixture(t, "vrp_small.json")), "Content-Encoding", "gzip")
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	})
}

// edit returns the fixture name with its JSON changed by f.
func edit(t *testing.T, name string, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readFixture(t, name), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func path(m map[string]any, keys ...any) any {
	var v any = m
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func TestErrors(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxStops = 5 })
	stop := func(i int) func(m map[string]any) map[string]any {
		return func(m map[string]any) map[string]any { return path(m, "input", "stops", i).(map[string]any) }
	}
	for _, tc := range []struct {
		name, method, path string
		body               []byte
		status             int
		code, field        string
	}{
		{"unknown field", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { stop(1)(m)["demnd"] = 1 }), 400, CodeInvalidInput, "input.stops[1].demnd"},
		{"case-sensitive key", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { m["Options"] = m["options"]; delete(m, "options") }), 400, CodeInvalidInput, "Options"},
		{"wrong type", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { stop(0)(m)["demand"] = map[string]any{"units": "four"} }), 400, CodeInvalidInput, "input.stops[0].demand.units"},
		{"fraction for an integer", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { stop(2)(m)["demand"] = map[string]any{"units": 1.5} }), 400, CodeInvalidInput, "input.stops[2].demand.units"},
		{"reversed time window", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) {
			stop(3)(m)["time_windows"] = []any{map[string]any{"start_s": 50, "end_s": 10}}
		}), 400, CodeInvalidInput, "input.stops[3].time_windows[0]"},
		{"location with a third element", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { stop(2)(m)["location"] = []any{12, 3, 40} }), 400, CodeInvalidInput, "input.stops[2].location"},
		{"location with one element", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { path(m, "input", "depots", 0).(map[string]any)["location"] = []any{12} }), 400, CodeInvalidInput, "input.depots[0].location"},
		{"job location with a third element", "POST", "/v1/jobs", fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s}`, edit(t, "vrp_small.json", func(m map[string]any) { stop(0)(m)["location"] = []any{10, 0, 0} })), 400, CodeInvalidInput, "request.input.stops[0].location"},
		{"syntax", "POST", "/v1/vrp", []byte(`{"input": {"stops": [}`), 400, CodeInvalidInput, "input.stops"},
		{"empty body", "POST", "/v1/vrp", nil, 400, CodeInvalidInput, "body"},
		{"trailing data", "POST", "/v1/vrp", append(readFixture(t, "vrp_small.json"), []byte(" {}")...), 400, CodeInvalidInput, "body"},
		{"time limit over the sync cap", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { m["options"] = map[string]any{"time_limit_s": 31} }), 400, CodeInvalidInput, "options.time_limit_s"},
		{"threads", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { m["options"] = map[string]any{"threads": 99} }), 400, CodeInvalidInput, "options.threads"},
		{"method", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { m["options"] = map[string]any{"method": "magic"} }), 400, CodeInvalidInput, "options.method"},
		{"too many stops", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) {
			s := path(m, "input", "stops").([]any)
			c := map[string]any{"id": "p6", "location": []any{1, 1}, "demand": map[string]any{"units": 1}}
			path(m, "input").(map[string]any)["stops"] = append(s, c)
		}), 413, CodeTooLarge, "input.stops"},
		{"demand over every capacity", "POST", "/v1/vrp", edit(t, "vrp_small.json", func(m map[string]any) { stop(4)(m)["demand"] = map[string]any{"units": 11} }), 422, CodeInfeasible, "input.stops[4].demand.units"},
		{"wave bad cart", "POST", "/v1/waves", edit(t, "wave_small.json", func(m map[string]any) { path(m, "input", "cart").(map[string]any)["bins"] = 0 }), 400, CodeInvalidInput, "input.cart.bins"},
		{"wave bad policy", "POST", "/v1/waves", edit(t, "wave_small.json", func(m map[string]any) { m["options"] = map[string]any{"policy": "zigzag"} }), 400, CodeInvalidInput, "options.policy"},
		{"wave bad bin grouping", "POST", "/v1/waves", edit(t, "wave_small.json", func(m map[string]any) { m["options"] = map[string]any{"bin_grouping": "random"} }), 400, CodeInvalidInput, "options.bin_grouping"},
		{"route pick out of the layout", "POST", "/v1/waves/route", edit(t, "route_small.json", func(m map[string]any) {
			path(m, "picks", 2).(map[string]any)["cell"] = 10
		}), 400, CodeInvalidInput, "picks[2].cell"},
		{"allocation unknown warehouse", "POST", "/v1/allocation", edit(t, "allocation_small.json", func(m map[string]any) {
			path(m, "input", "stock", 1).(map[string]any)["warehouse"] = "east"
		}), 400, CodeInvalidInput, "input.stock[1].warehouse"},
		{"allocation bad option", "POST", "/v1/allocation", edit(t, "allocation_small.json", func(m map[string]any) { m["options"] = map[string]any{"unmet_penalty": 0} }), 400, CodeInvalidInput, "options.unmet_penalty"},
		{"transfers bad lane", "POST", "/v1/transfers", edit(t, "transfers_small.json", func(m map[string]any) {
			path(m, "input", "lanes", 0).(map[string]any)["to"] = "Z"
		}), 400, CodeInvalidInput, "input.lanes[0].to"},
		{"stock bad input", "POST", "/v1/stock/newsvendor_normal", []byte(`{"holding_cost": -1, "stockout_cost": 4, "demand_mean": 100, "demand_sd": 20}`), 400, CodeInvalidInput, "holding_cost"},
		{"stock unknown field", "POST", "/v1/stock/newsvendor_normal", []byte(`{"holding_cost": 1, "stockout_cost": 4, "demand_mean": 100, "demand_sd": 20, "x": 1}`), 400, CodeInvalidInput, "x"},
		{"stock unknown function", "POST", "/v1/stock/crystal_ball", []byte(`{}`), 404, CodeNotFound, "function"},
		{"unknown route", "POST", "/v1/teleport", []byte(`{}`), 404, CodeNotFound, ""},
		{"wrong method", "GET", "/v1/vrp", nil, 405, CodeMethodNotAllowed, ""},
		{"bad gzip", "POST", "/v1/vrp", []byte("not gzip"), 400, CodeInvalidInput, "body"},
		{"unknown job", "GET", "/v1/jobs/nope", nil, 404, CodeNotFound, "id"},
		{"job unknown endpoint", "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/nothing", "request": {}}`), 400, CodeInvalidInput, "endpoint"},
		{"job bad request", "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/vrp", "request": {"input": {"stops": [{"id": 3}]}}}`), 400, CodeInvalidInput, "request.input.stops[0].id"},
		{"job missing request", "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/vrp"}`), 400, CodeInvalidInput, "request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var hdr []string
			if tc.name == "bad gzip" {
				hdr = []string{"Content-Encoding", "gzip"}
			}
			r := ts.do(t, tc.method, tc.path, tc.body, hdr...)
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			e := errorOf(t, r)
			if e.Code != tc.code || e.Field != tc.field || e.Message == "" || e.RequestID == "" {
				t.Errorf("got code %q field %q (message %q, request id %q), want code %q field %q", e.Code, e.Field, e.Message, e.RequestID, tc.code, tc.field)
			}
		})
	}
}

func TestInfeasiblePlanCarriesResult(t *testing.T) {
	ts := startServer(t, nil)
	// Two stops whose windows cannot both be met by the one vehicle, both
	// mandatory: every plan leaves one out.
	body := []byte(`{"input": {"depots": [{"id": "d", "location": [0, 0]}],
		"vehicles": [{"id": "v", "count": 1, "start_depot": "d", "capacity": {"units": 10}}],
		"stops": [{"id": "a", "location": [10, 0], "demand": {"units": 1}, "time_windows": [{"start_s": 10, "end_s": 10}]},
		          {"id": "b", "location": [-10, 0], "demand": {"units": 1}, "time_windows": [{"start_s": 10, "end_s": 10}]}],
		"travel": {"metric": "euclidean"}}, "options": {"iterations": 100}}`)
	r := ts.do(t, "POST", "/v1/vrp", body)
	if r.status != 422 {
		t.Fatalf("status %d, want 422: %s", r.status, r.body)
	}
	var e ErrorBody
	strictJSON(t, r.body, &e)
	if e.Error.Code != CodeInfeasible || !strings.HasPrefix(e.Error.Field, "input.stops[") || e.Result == nil || e.Result.Feasible {
		t.Fatalf("got %s", r.body)
	}
	if len(e.Result.Unassigned) == 0 {
		t.Error("the plan lists no unassigned stop")
	}
}

func TestBodyLimit(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxBodyBytes = 1024 })
	big := edit(t, "vrp_small.json", func(m map[string]any) {
		m["input"].(map[string]any)["depots"].([]any)[0].(map[string]any)["id"] = strings.Repeat("x", 2000)
	})
	r := ts.do(t, "POST", "/v1/vrp", big)
	if e := errorOf(t, r); r.status != 413 || e.Code != CodeTooLarge || e.Field != "body" {
		t.Errorf("raw: status %d %+v, want 413 on body", r.status, e)
	}
	// A small gzip body that unpacks beyond the limit.
	r = ts.do(t, "POST", "/v1/vrp", gzipped(t, big), "Content-Encoding", "gzip")
	if e := errorOf(t, r); r.status != 413 || e.Field != "body" {
		t.Errorf("gzip: status %d %+v, want 413 on body", r.status, e)
	}
}

// gzipped packs b.
func gzipped(t *testing.T, b []byte) []byte {
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return zb.Bytes()
}

// slowVRP is a routing request that keeps a worker busy for secs.
func slowVRP(t *testing.T, secs float64) []byte {
	return edit(t, "vrp_small.json", func(m map[string]any) { m["options"] = map[string]any{"time_limit_s": secs, "use_full_limit": true} })
}

func TestOverloadGets429(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Workers, c.Queue = 1, 1 })
	body := slowVRP(t, 1)
	const n = 6
	var wg sync.WaitGroup
	res := make([]response, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() { <-start; res[i] = ts.do(t, "POST", "/v1/vrp", body) })
	}
	close(start)
	wg.Wait()
	ok, over := 0, 0
	for _, r := range res {
		switch r.status {
		case 200:
			ok++
		case 429:
			over++
			if r.header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
			if e := errorOf(t, r); e.Code != CodeOverloaded {
				t.Errorf("429 with code %q", e.Code)
			}
		default:
			t.Errorf("status %d: %s", r.status, r.body)
		}
	}
	// One worker and one queue slot admit at most two at a time.
	if ok < 1 || over < n-4 || ok+over != n {
		t.Errorf("%d ok and %d overloaded of %d", ok, over, n)
	}
}

func pollJob(t *testing.T, ts *testServer, id string, until func(JobStatus) bool) JobStatus {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		r := ts.do(t, "GET", "/v1/jobs/"+id, nil)
		if r.status != 200 {
			t.Fatalf("GET job %s: %d %s", id, r.status, r.body)
		}
		var st JobStatus
		strictJSON(t, r.body, &st)
		if until(st) {
			return st
		}
	}
	t.Fatalf("job %s: condition not met in 30 s", id)
	return JobStatus{}
}

func submit(t *testing.T, ts *testServer, endpoint string, request []byte) JobStatus {
	t.Helper()
	body := fmt.Appendf(nil, `{"endpoint": %q, "request": %s}`, endpoint, request)
	r := ts.do(t, "POST", "/v1/jobs", body)
	if r.status != 202 {
		t.Fatalf("POST /v1/jobs: %d %s", r.status, r.body)
	}
	var st JobStatus
	strictJSON(t, r.body, &st)
	if st.ID == "" || r.header.Get("Location") != "/v1/jobs/"+st.ID {
		t.Fatalf("202 without id or Location: %s", r.body)
	}
	return st
}

func final(st JobStatus) bool { return st.State.final() }

func TestJobs(t *testing.T) {
	ts := startServer(t, nil)
	t.Run("every endpoint", func(t *testing.T) {
		for _, c := range []struct{ endpoint, fixture string }{
			{"/v1/vrp", "vrp_small.json"}, {"/v1/waves", "wave_small.json"}, {"/v1/waves/route", "route_small.json"},
			{"/v1/allocation", "allocation_small.json"}, {"/v1/transfers", "transfers_small.json"},
			{"/v1/stock/newsvendor_normal", "stock_newsvendor_normal.json"},
		} {
			st := submit(t, ts, c.endpoint, readFixture(t, c.fixture))
			st = pollJob(t, ts, st.ID, final)
			if st.State != JobSucceeded || len(st.Result) == 0 || st.Error != nil || st.FinishedAt == "" || st.RunS < 0 || st.QueueS < 0 {
				t.Errorf("%s: %+v", c.endpoint, st)
			}
			// The job's result is what the synchronous endpoint answers.
			sync := ts.do(t, "POST", c.endpoint, readFixture(t, c.fixture))
			if c.endpoint != "/v1/vrp" && c.endpoint != "/v1/waves" && c.endpoint != "/v1/allocation" && c.endpoint != "/v1/transfers" && !bytes.Equal(sync.body, st.Result) {
				t.Errorf("%s: job result differs from the synchronous one", c.endpoint)
			}
		}
	})
	t.Run("cancel running", func(t *testing.T) {
		st := submit(t, ts, "/v1/vrp", slowVRP(t, 20))
		pollJob(t, ts, st.ID, func(s JobStatus) bool { return s.State == JobRunning })
		r := ts.do(t, "DELETE", "/v1/jobs/"+st.ID, nil)
		if r.status != 200 {
			t.Fatalf("DELETE: %d %s", r.status, r.body)
		}
		st = pollJob(t, ts, st.ID, final)
		var out vrp.Output
		strictJSON(t, st.Result, &out)
		if st.State != JobCancelled || out.Stats.Stop != solver.StopCanceled || st.RunS > 10 {
			t.Errorf("state %s, stop %s after %g s; want cancelled at once with the best plan", st.State, out.Stats.Stop, st.RunS)
		}
	})
	t.Run("cancel queued", func(t *testing.T) {
		long := submit(t, ts, "/v1/vrp", slowVRP(t, 20)) // takes the one job worker
		pollJob(t, ts, long.ID, func(s JobStatus) bool { return s.State == JobRunning })
		queued := submit(t, ts, "/v1/vrp", readFixture(t, "vrp_small.json"))
		r := ts.do(t, "DELETE", "/v1/jobs/"+queued.ID, nil)
		var st JobStatus
		strictJSON(t, r.body, &st)
		if st.State != JobCancelled || st.StartedAt != "" || st.Result != nil {
			t.Errorf("queued job after DELETE: %+v", st)
		}
		ts.do(t, "DELETE", "/v1/jobs/"+long.ID, nil)
		pollJob(t, ts, long.ID, final)
	})
	t.Run("failed", func(t *testing.T) {
		body := edit(t, "vrp_small.json", func(m map[string]any) {
			stop := path(m, "input", "stops", 4).(map[string]any)
			stop["demand"] = map[string]any{"units": 11}
		})
		st := pollJob(t, ts, submit(t, ts, "/v1/vrp", body).ID, final)
		if st.State != JobFailed || st.Error == nil || st.Error.Code != CodeInfeasible || st.Error.Field != "request.input.stops[4].demand.units" {
			t.Errorf("got %+v, error %+v", st, st.Error)
		}
	})
}

func TestJobQueueFull(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.JobWorkers, c.JobQueue, c.MaxJobs = 1, 1, 8 })
	ids := []string{}
	got429 := false
	for range 4 {
		body := fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s}`, slowVRP(t, 5))
		r := ts.do(t, "POST", "/v1/jobs", body)
		switch r.status {
		case 202:
			var st JobStatus
			strictJSON(t, r.body, &st)
			ids = append(ids, st.ID)
		case 429:
			got429 = r.header.Get("Retry-After") != ""
		default:
			t.Fatalf("status %d: %s", r.status, r.body)
		}
	}
	if !got429 || len(ids) > 2 {
		t.Errorf("%d jobs accepted, 429 with Retry-After %v; want at most 2 and a 429", len(ids), got429)
	}
	for _, id := range ids {
		ts.do(t, "DELETE", "/v1/jobs/"+id, nil)
	}
}

func TestShutdownLosesNoJob(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Workers, cfg.JobWorkers, cfg.JobQueue, cfg.DrainLinger = 1, 1, 32, 3*time.Second
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{s: s, url: "http://" + ln.Addr().String()}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	for !s.Ready() {
		time.Sleep(5 * time.Millisecond)
	}
	var ids []string
	for range 8 {
		ids = append(ids, submit(t, ts, "/v1/vrp", slowVRP(t, 0.2)).ID)
	}
	pollJob(t, ts, ids[0], func(s JobStatus) bool { return s.State != JobQueued })
	// Synchronous load throughout the shutdown: every answer is a result,
	// a 429 or a 503 until the listener closes.
	var load sync.WaitGroup
	var served, refused atomic.Int64
	stopLoad := make(chan struct{})
	small := readFixture(t, "vrp_small.json")
	for range 3 {
		load.Go(func() {
			for {
				select {
				case <-stopLoad:
					return
				default:
				}
				res, err := client.Post(ts.url+"/v1/vrp", "application/json", bytes.NewReader(small))
				if err != nil {
					return // the listener closed
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				switch res.StatusCode {
				case 200:
					served.Add(1)
				case 429, 503:
					refused.Add(1)
				default:
					t.Errorf("status %d during shutdown", res.StatusCode)
				}
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		shut <- s.Shutdown(ctx)
	}()
	for s.Ready() {
		time.Sleep(time.Millisecond)
	}
	if r := ts.do(t, "POST", "/v1/jobs", fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s}`, readFixture(t, "vrp_small.json"))); r.status != 503 || r.header.Get("Retry-After") == "" {
		t.Errorf("POST while draining: %d, want 503 with Retry-After", r.status)
	}
	if r := ts.do(t, "GET", "/readyz", nil); r.status != 503 {
		t.Errorf("readyz while draining: %d", r.status)
	}
	states := map[JobState]int{}
	for _, id := range ids {
		st := pollJob(t, ts, id, final)
		states[st.State]++
		if st.State == JobSucceeded && len(st.Result) == 0 {
			t.Errorf("job %s succeeded without a result", id)
		}
	}
	if states[JobSucceeded] < 1 || states[JobCancelled] < 1 || states[JobSucceeded]+states[JobCancelled] != len(ids) {
		t.Errorf("final states %v of %d jobs", states, len(ids))
	}
	if err := <-shut; err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	close(stopLoad)
	load.Wait()
	if served.Load() == 0 || refused.Load() == 0 {
		t.Errorf("synchronous load: %d served, %d refused; want both", served.Load(), refused.Load())
	}
}

func TestShutdownCancelsAtItsDeadline(t *testing.T) {
	cfg := DefaultConfig()
	cfg.DrainLinger = 0
	s, _ := New(cfg)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ts := &testServer{s: s, url: "http://" + ln.Addr().String()}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	for !s.Ready() {
		time.Sleep(5 * time.Millisecond)
	}
	id := submit(t, ts, "/v1/vrp", slowVRP(t, 25)).ID
	pollJob(t, ts, id, func(s JobStatus) bool { return s.State == JobRunning })
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	st, ok := s.jobs.status(id)
	if !ok || st.State != JobCancelled || len(st.Result) == 0 || time.Since(start) > 10*time.Second {
		t.Errorf("after shutdown: %v %+v", ok, st)
	}
}

func TestPanicsBecome500(t *testing.T) {
	ts := startServer(t, nil)
	ts.s.eps["/v1/panic-decode"] = &endpoint{path: "/v1/panic-decode", solver: "test", prepare: func(*Server, []byte, string, string, time.Duration) (*prepared, error) {
		panic("decoder bug")
	}}
	ts.s.eps["/v1/panic-solve"] = &endpoint{path: "/v1/panic-solve", solver: "test", prepare: func(*Server, []byte, string, string, time.Duration) (*prepared, error) {
		return &prepared{solver: "test", deadline: time.Second, run: func(context.Context) (any, *solver.Stats, error) { panic("solver bug") }}, nil
	}}
	for _, p := range []string{"/v1/panic-decode", "/v1/panic-solve"} {
		r := ts.do(t, "POST", p, []byte(`{}`), "X-Request-Id", "trace-"+p[4:])
		e := errorOf(t, r)
		if r.status != 500 || e.Code != CodeInternal || e.RequestID != "trace-"+p[4:] || strings.Contains(e.Message, "bug") {
			t.Errorf("%s: %d %+v", p, r.status, e)
		}
	}
	if n := ts.s.metrics.panics.Load(); n != 2 {
		t.Errorf("%d panics counted, want 2", n)
	}
	// The server still answers.
	if r := ts.do(t, "POST", "/v1/vrp", readFixture(t, "vrp_small.json")); r.status != 200 {
		t.Errorf("after panics: %d", r.status)
	}
}

func TestOperations(t *testing.T) {
	ts := startServer(t, nil)
	if r := ts.do(t, "GET", "/healthz", nil); r.status != 200 {
		t.Errorf("healthz %d", r.status)
	}
	if r := ts.do(t, "GET", "/readyz", nil); r.status != 200 || !strings.Contains(string(r.body), `"ok"`) {
		t.Errorf("readyz %d %s", r.status, r.body)
	}
	ts.do(t, "POST", "/v1/vrp", readFixture(t, "vrp_small.json"))
	ts.do(t, "POST", "/v1/vrp", []byte(`{`))
	r := ts.do(t, "GET", "/metrics", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics %d %s", r.status, r.header.Get("Content-Type"))
	}
	text := string(r.body)
	for _, want := range []string{
		`fulfil_http_requests_total{route="/v1/vrp",code="200"} 1`,
		`fulfil_http_requests_total{route="/v1/vrp",code="400"} 1`,
		`fulfil_http_request_duration_seconds_bucket{route="/v1/vrp",le="+Inf"} 2`,
		`fulfil_solves_total{solver="vrp",outcome="ok"} 1`,
		`fulfil_solver_iterations_total{solver="vrp"} 200`,
		`fulfil_queue_depth{pool="sync"} 0`,
		`fulfil_jobs{state="queued"} 0`,
		`fulfil_ready 1`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("metrics lack %q", want)
		}
	}
	checkExposition(t, text)
	if r := ts.do(t, "GET", "/openapi.json", nil); r.status != 200 || !json.Valid(r.body) {
		t.Errorf("openapi.json: %d", r.status)
	}
}

// checkExposition checks the text format: HELP and TYPE before each
// family, samples as name{labels} value, cumulative buckets.
func checkExposition(t *testing.T, text string) {
	t.Helper()
	typed := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if strings.HasPrefix(line, "# ") {
			f := strings.Fields(line)
			if len(f) < 4 || (f[1] != "HELP" && f[1] != "TYPE") {
				t.Errorf("line %d: bad comment %q", i+1, line)
			}
			if f[1] == "TYPE" {
				typed[f[2]] = f[3]
			}
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		if j := strings.IndexByte(name, '{'); j >= 0 {
			if !strings.HasSuffix(name, "}") {
				t.Errorf("line %d: bad labels %q", i+1, line)
			}
			name = name[:j]
		}
		var v float64
		if _, err := fmt.Sscan(rest, &v); err != nil {
			t.Errorf("line %d: bad value %q", i+1, line)
		}
		family := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "_bucket"), "_sum"), "_count")
		if typed[name] == "" && typed[family] != "histogram" {
			t.Errorf("line %d: %s has no TYPE", i+1, name)
		}
	}
}

func TestMatrixAdapters(t *testing.T) {
	ts := startServer(t, nil)
	// 1 depot + 3 stops; asymmetric distances in metres and durations in s.
	dist := [][]float64{{0, 1000, 2000, 1500}, {1100, 0, 900, 2500}, {2100, 950, 0, 1200}, {1400, 2600, 1300, 0}}
	dur := [][]float64{{0, 100, 200, 150}, {110, 0, 90, 250}, {210, 95, 0, 120}, {140, 260, 130, 0}}
	input := `{"depots": [{"id": "d", "location": [116.4, 39.9]}],
		"vehicles": [{"id": "v", "count": 1, "start_depot": "d", "capacity": {"units": 9}}],
		"stops": [{"id": "a", "location": [116.41, 39.9], "demand": {"units": 1}},
		          {"id": "b", "location": [116.42, 39.9], "demand": {"units": 1}},
		          {"id": "c", "location": [116.4, 39.91], "demand": {"units": 1}}]}`
	osrm, _ := json.Marshal(map[string]any{"code": "Ok", "durations": dur, "distances": dist, "sources": []any{}, "destinations": []any{}})
	var verbose [][]map[string]any
	for i := range dist {
		var row []map[string]any
		for j := range dist {
			row = append(row, map[string]any{"from_index": i, "to_index": j, "distance": dist[i][j] / 1000, "time": dur[i][j]})
		}
		verbose = append(verbose, row)
	}
	valV, _ := json.Marshal(map[string]any{"sources_to_targets": verbose, "units": "kilometers", "algorithm": "costmatrix"})
	km := make([][]float64, len(dist))
	for i := range dist {
		for _, d := range dist[i] {
			km[i] = append(km[i], d/1000)
		}
	}
	valC, _ := json.Marshal(map[string]any{"sources_to_targets": map[string]any{"durations": dur, "distances": km}, "units": "kilometers"})
	// The optimal tour, by enumeration of the 6 orders.
	best := math.Inf(1)
	for _, p := range [][]int{{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}} {
		best = min(best, dist[0][p[0]]+dist[p[0]][p[1]]+dist[p[1]][p[2]]+dist[p[2]][0])
	}
	for _, c := range []struct{ name, matrix string }{
		{"osrm", fmt.Sprintf(`{"osrm": %s}`, osrm)},
		{"valhalla verbose", fmt.Sprintf(`{"valhalla": %s}`, valV)},
		{"valhalla concise", fmt.Sprintf(`{"valhalla": %s, "profile": "car"}`, valC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"input": %s, "options": {"iterations": 300}, "matrix": %s}`, input, c.matrix)
			r := ts.do(t, "POST", "/v1/vrp", []byte(body))
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			var out vrp.Output
			strictJSON(t, r.body, &out)
			if len(out.Routes) != 1 || math.Abs(out.DistanceM-best) > 1e-6 {
				t.Fatalf("distance %g over %d routes, want the optimum %g", out.DistanceM, len(out.Routes), best)
			}
			// the route's duration follows the duration matrix
			v := out.Routes[0].Visits
			idx := map[string]int{"a": 1, "b": 2, "c": 3}
			want := dur[0][idx[v[0].Stop]] + dur[idx[v[0].Stop]][idx[v[1].Stop]] + dur[idx[v[1].Stop]][idx[v[2].Stop]] + dur[idx[v[2].Stop]][0]
			if math.Abs(out.DurationS-want) > 1e-6 {
				t.Errorf("duration %g, want %g", out.DurationS, want)
			}
		})
	}
	for _, c := range []struct{ name, matrix, field string }{
		{"both", fmt.Sprintf(`{"osrm": %s, "valhalla": %s}`, osrm, valV), "matrix"},
		{"osrm unreachable", `{"osrm": {"code": "Ok", "durations": [[0,1,1,1],[1,0,null,1],[1,1,0,1],[1,1,1,0]], "distances": [[0,1,1,1],[1,0,1,1],[1,1,0,1],[1,1,1,0]]}}`, "matrix.osrm.durations[1][2]"},
		{"osrm short row", `{"osrm": {"durations": [[0,1,1,1],[1,0,1],[1,1,0,1],[1,1,1,0]], "distances": [[0,1,1,1],[1,0,1,1],[1,1,0,1],[1,1,1,0]]}}`, "matrix.osrm.durations[1]"},
		{"osrm no distances", `{"osrm": {"code": "Ok", "durations": [[0,1,1,1],[1,0,1,1],[1,1,0,1],[1,1,1,0]]}}`, "matrix.osrm.distances"},
		{"osrm error code", `{"osrm": {"code": "NoTable", "message": "no route"}}`, "matrix.osrm.code"},
		{"osrm wrong type", `{"osrm": {"durations": "x"}}`, "matrix.osrm.durations"},
		{"valhalla units", `{"valhalla": {"units": "parsecs", "sources_to_targets": []}}`, "matrix.valhalla.units"},
		{"valhalla missing pair", `{"valhalla": {"sources_to_targets": [[{"from_index": 0, "to_index": 0, "time": 0, "distance": 0}]]}}`, "matrix.valhalla.sources_to_targets"},
	} {
		t.Run(c.name, func(t *testing.T) {
			body := fmt.Sprintf(`{"input": %s, "options": {"iterations": 10}, "matrix": %s}`, input, c.matrix)
			r := ts.do(t, "POST", "/v1/vrp", []byte(body))
			if e := errorOf(t, r); r.status != 400 || e.Field != c.field {
				t.Errorf("status %d field %q (%s), want 400 on %q", r.status, e.Field, e.Message, c.field)
			}
		})
	}
}

func TestReadiness(t *testing.T) {
	s, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if why, ok := s.readiness(); ok || why != "starting" {
		t.Errorf("before start: %q %v, want starting", why, ok)
	}
	s.ready.Store(true)
	if why, ok := s.readiness(); !ok {
		t.Errorf("started: %q", why)
	}
	for range s.cfg.Workers + s.cfg.Queue {
		if !s.slots.tryAcquire() {
			t.Fatal("a slot short")
		}
	}
	if why, ok := s.readiness(); ok || why != "saturated" {
		t.Errorf("every slot taken: %q %v, want saturated", why, ok)
	}
	if s.slots.tryAcquire() {
		t.Error("took a slot past Workers + Queue")
	}
	s.slots.release()
	if why, ok := s.readiness(); !ok {
		t.Errorf("a slot free: %q", why)
	}
	for range cap(s.sync.queue) { // no workers run: the queue stays full
		if err := s.sync.submit(newTask(context.Background(), func(context.Context) {})); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.sync.submit(newTask(context.Background(), func(context.Context) {})); err != errOverloaded {
		t.Errorf("submit to a full queue: %v", err)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestRequestLogs(t *testing.T) {
	var buf syncBuffer
	ts := startServer(t, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(&buf, nil)) })
	r := ts.do(t, "POST", "/v1/vrp", []byte(`{"input": 1}`), "X-Request-Id", "abc-123")
	if r.status != 400 || r.header.Get("X-Request-Id") != "abc-123" {
		t.Fatalf("%d %v", r.status, r.header)
	}
	buf.mu.Lock()
	defer buf.mu.Unlock()
	found := false
	for _, line := range strings.Split(buf.b.String(), "\n") {
		var rec map[string]any
		if line == "" || json.Unmarshal([]byte(line), &rec) != nil {
			continue
		}
		if rec["msg"] == "request" && rec["request_id"] == "abc-123" && rec["status"] == float64(400) && rec["route"] == "/v1/vrp" {
			found = true
		}
	}
	if !found {
		t.Errorf("no JSON request log with the request id in:\n%s", buf.b.String())
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Config)
		field string
	}{
		{"no address", func(c *Config) { c.Addr = "" }, "Addr"},
		{"no workers", func(c *Config) { c.Workers = 0 }, "Workers"},
		{"negative queue", func(c *Config) { c.Queue = -1 }, "Queue"},
		{"fewer jobs than queue", func(c *Config) { c.MaxJobs = c.JobQueue - 1 }, "MaxJobs"},
		{"default over sync limit", func(c *Config) { c.DefaultTimeLimit = c.SyncLimit + time.Second }, "DefaultTimeLimit"},
		{"negative linger", func(c *Config) { c.DrainLinger = -1 }, "DrainLinger"},
		{"no body", func(c *Config) { c.MaxBodyBytes = 0 }, "MaxBodyBytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			ie, ok := err.(*solver.InputError)
			if !ok || ie.Field() != tc.field {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
			if _, err := New(c); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}

func TestJobBytesBound(t *testing.T) {
	body := fmt.Appendf(nil, `{"endpoint": "/v1/vrp", "request": %s}`, slowVRP(t, 20))
	ts := startServer(t, func(c *Config) { c.JobBytes = len(body) + len(body)/2 })
	first := submit(t, ts, "/v1/vrp", slowVRP(t, 20))
	if r := ts.do(t, "POST", "/v1/jobs", body); r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Fatalf("second job over the byte budget: %d %s", r.status, r.body)
	}
	ts.do(t, "DELETE", "/v1/jobs/"+first.ID, nil)
	pollJob(t, ts, first.ID, final)
	second := submit(t, ts, "/v1/vrp", slowVRP(t, 20)) // the budget is free again
	// Refusals of every kind give their reservation back: a bad inner
	// request (400), a gzip body whose size was not known in advance, a
	// request over the budget (429).
	if r := ts.do(t, "POST", "/v1/jobs", []byte(`{"endpoint": "/v1/vrp", "request": {"input": {"bogus": 1}}}`)); r.status != 400 {
		t.Errorf("bad inner request: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/v1/jobs", gzipped(t, body), "Content-Encoding", "gzip"); r.status != 429 {
		t.Errorf("gzip job over the budget: %d %s", r.status, r.body)
	}
	ts.do(t, "DELETE", "/v1/jobs/"+second.ID, nil)
	pollJob(t, ts, second.ID, final)
	ts.s.jobs.mu.Lock()
	held := ts.s.jobs.bytes
	ts.s.jobs.mu.Unlock()
	if held != 0 {
		t.Errorf("%d bytes still counted with every job ended", held)
	}
}

func TestEveryViolationListed(t *testing.T) {
	ts := startServer(t, nil)
	r := ts.do(t, "POST", "/v1/allocation", []byte(`{"input": {}}`))
	e := errorOf(t, r)
	if r.status != 400 || e.Field != "input.warehouses" || len(e.Violations) < 2 || e.Violations[0].Field != e.Field ||
		!strings.HasSuffix(e.Message, fmt.Sprintf("(and %d more violations)", len(e.Violations)-1)) || strings.HasPrefix(e.Message, "input.") {
		t.Errorf("got %d %+v", r.status, e)
	}
}

// TestRefusedBodiesAreNotBuffered fills every synchronous slot and sends
// big bodies: each must get its 429 on the connection it came on (the
// server reads and drops the body rather than closing mid-upload), and
// the server must not allocate the bodies; a body sent once a slot is free
// is read whole.
func TestRefusedBodiesAreNotBuffered(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Workers, c.Queue, c.MaxBodyBytes = 1, 1, 8<<20 })
	for range 2 {
		if !ts.s.slots.tryAcquire() {
			t.Fatal("slot")
		}
	}
	var dials atomic.Int64
	tr := &http.Transport{MaxConnsPerHost: 8, MaxIdleConnsPerHost: 8, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	big := append([]byte(`{"x": "`), bytes.Repeat([]byte("a"), 4<<20)...)
	big = append(big, `"}`...)
	post := func() (int, []byte) {
		r, err := c.Post(ts.url+"/v1/vrp", "application/json", bytes.NewReader(big))
		if err != nil {
			t.Error(err)
			return 0, nil
		}
		defer r.Body.Close()
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		return r.StatusCode, b
	}
	// conns connections at once, each sending per requests in turn: a
	// server that buffers bodies allocates one per connection at least.
	const conns, per = 8, 3
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			for range per {
				if code, b := post(); code != 429 {
					t.Errorf("status %d (%s), want 429", code, b)
				}
			}
		})
	}
	wg.Wait()
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > uint64(len(big))*conns/4 {
		t.Errorf("allocated %d MiB refusing %d bodies of %d MiB; they were buffered", got>>20, conns*per, len(big)>>20)
	}
	if d := dials.Load(); d > conns {
		t.Errorf("%d connections for %d refused requests on %d, the server closed them", d, conns*per, conns)
	}
	ts.s.slots.release()
	code, b := post()
	var e ErrorBody
	strictJSON(t, b, &e)
	if code != 400 || e.Error.Field != "x" {
		t.Errorf("admitted: status %d field %q (%s), want 400 on the unknown field x", code, e.Error.Field, e.Error.Message)
	}
	ts.s.slots.release()
}

// TestCompressedResponses asks for gzip itself (so that the client does
// not unpack transparently) and checks that a large answer comes packed
// and unpacks to the same document as a plain request gets.
func TestCompressedResponses(t *testing.T) {
	ts := startServer(t, nil)
	plain := ts.do(t, "GET", "/openapi.json", nil, "Accept-Encoding", "identity")
	packed := ts.do(t, "GET", "/openapi.json", nil, "Accept-Encoding", "gzip")
	if plain.status != 200 || packed.status != 200 || packed.header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d / %d, Content-Encoding %q", plain.status, packed.status, packed.header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed.body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, plain.body) || len(packed.body)*3 > len(plain.body) {
		t.Errorf("unpacked %d bytes from %d, plain %d: not the same document or barely packed", len(got), len(packed.body), len(plain.body))
	}
}

// TestReroute answers a routing request, then re-routes from its plan
// after a stop cancels: the answer serves every stop left and costs no
// more than the first; an initial route naming an unknown stop is a 400
// on its field.
func TestReroute(t *testing.T) {
	ts := startServer(t, nil)
	body := readFixture(t, "vrp_small.json")
	r := ts.do(t, "POST", "/v1/vrp", body)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var first vrp.Output
	strictJSON(t, r.body, &first)
	var req VRPRequest
	strictJSON(t, body, &req)
	gone := req.Input.Stops[0].ID
	req.Input.Stops = req.Input.Stops[1:]
	for _, rt := range first.Routes {
		ir := vrp.InitialRoute{Vehicle: rt.Vehicle, Index: rt.Index}
		for _, v := range rt.Visits {
			if v.Stop != gone {
				ir.Stops = append(ir.Stops, v.Stop)
			}
		}
		req.Input.InitialRoutes = append(req.Input.InitialRoutes, ir)
	}
	req.Options = VRPOptions{Options: vrp.Options{Iterations: 20}}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	r = ts.do(t, "POST", "/v1/vrp", b)
	if r.status != 200 {
		t.Fatalf("re-route: status %d: %s", r.status, r.body)
	}
	var again vrp.Output
	strictJSON(t, r.body, &again)
	rep, err := vrp.Check(&req.Input, &again)
	if err != nil || !rep.Feasible || len(again.Unassigned) != 0 {
		t.Fatalf("re-route: check %v, feasible %v, unassigned %v", err, rep != nil && rep.Feasible, again.Unassigned)
	}
	if again.Cost > first.Cost+1e-9 {
		t.Errorf("re-route without one stop costs %g, more than the first plan's %g", again.Cost, first.Cost)
	}
	req.Input.InitialRoutes[0].Stops = append(req.Input.InitialRoutes[0].Stops, gone)
	b, _ = json.Marshal(req)
	r = ts.do(t, "POST", "/v1/vrp", b)
	field := fmt.Sprintf("input.initial_routes[0].stops[%d]", len(req.Input.InitialRoutes[0].Stops)-1)
	if e := errorOf(t, r); r.status != 400 || e.Field != field {
		t.Errorf("cancelled stop left on a route: status %d field %q (%s), want 400 on %s", r.status, e.Field, e.Message, field)
	}
}

// verdict makes a checker's report an error when it lists violations.
func verdict[R interface{ Err(error) error }](rep R, err error) error {
	if err != nil {
		return err
	}
	return rep.Err(solver.ErrCheck)
}

// TestNonJSONContentType: a body sent as a form or as text is refused with
// 415 naming Content-Type, on solves and jobs; JSON with a charset or a
// +json type is accepted.
func TestNonJSONContentType(t *testing.T) {
	ts := startServer(t, nil)
	body := readFixture(t, "wave_small.json")
	for _, tc := range []struct {
		path, ct string
		status   int
	}{
		{"/v1/waves", "application/x-www-form-urlencoded", 415},
		{"/v1/waves", "text/plain", 415},
		{"/v1/jobs", "multipart/form-data; boundary=x", 415},
		{"/v1/waves", "application/json; charset=utf-8", 200},
		{"/v1/waves", "application/problem+json", 200},
	} {
		r := ts.do(t, "POST", tc.path, body, "Content-Type", tc.ct)
		if r.status != tc.status {
			t.Errorf("%s as %s: got %d, want %d: %s", tc.path, tc.ct, r.status, tc.status, r.body)
			continue
		}
		if tc.status == 415 {
			if e := errorOf(t, r); e.Code != CodeUnsupportedMedia || e.Field != "Content-Type" {
				t.Errorf("%s as %s: %+v", tc.path, tc.ct, e)
			}
		}
	}
}
