package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fulfil/bench"
	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/server"
)

// fulfil runs the command line in-process and returns the exit code and the
// two streams.
func fulfil(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"no command", nil, 2, ""},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"solve without a file", []string{"solve"}, 2, "want one instance FILE"},
		{"solve with a bad flag", []string{"solve", "--time-limit", "soon", "x"}, 2, "invalid value"},
		{"solve a missing file", []string{"solve", "testdata/missing.vrp"}, 1, "missing.vrp"},
		{"bench without a set", []string{"bench"}, 2, "want --set DIR"},
		{"bench with a bad format", []string{"bench", "--set", "testdata", "--format", "xml"}, 2, "--format"},
		{"stock without eval", []string{"stock"}, 2, "want the subcommand eval"},
		{"load without a url", []string{"load", "--body", "x.json"}, 2, "want --url URL --body FILE"},
		{"worker without nats", []string{"worker"}, 2, "want --nats URL"},
		{"serve with a missing key file", []string{"serve", "--api-keys", "testdata/missing-keys"}, 2, "missing-keys"},
		{"serve with a bad key file", []string{"serve", "--api-keys", "testdata/c101-10.txt"}, 2, "line 1: fields"},
		{"serve with a bad ack wait", []string{"serve", "--job-ack-wait", "1ms"}, 2, "ack_wait"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := fulfil(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit code: got %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr, tc.want)
			}
		})
	}
}

// TestSolveCVRPWritesCheckableSol solves P-n16-k8 (optimum 450, CVRPLIB)
// and reads the written .sol back with the datasets checker, which shares
// no code with the routing solver.
func TestSolveCVRPWritesCheckableSol(t *testing.T) {
	sol := filepath.Join(t.TempDir(), "out.sol")
	code, stdout, stderr := fulfil(t, "", "solve", "--time-limit", "2s", "--sol", sol, "../../datasets/samples/P-n16-k8.vrp")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Feasible bool    `json:"feasible"`
		Cost     float64 `json:"cost"`
		Routes   []struct {
			Visits []struct {
				Stop string `json:"stop"`
			} `json:"visits"`
		} `json:"routes"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("decoding the JSON solution: %v", err)
	}
	if !out.Feasible || out.Cost != 450 {
		t.Errorf("got feasible=%v cost %v, want a feasible plan at the optimum 450", out.Feasible, out.Cost)
	}
	inst, err := datasets.ReadVRPLIBFile("../../datasets/samples/P-n16-k8.vrp")
	if err != nil {
		t.Fatal(err)
	}
	s, err := datasets.ReadSolutionFile(sol)
	if err != nil {
		t.Fatalf("reading the written .sol: %v", err)
	}
	cost, err := inst.Check(s, geo.Nint)
	if err != nil {
		t.Fatalf("the written .sol fails the CVRPLIB check: %v", err)
	}
	if cost != out.Cost || s.Cost != out.Cost {
		t.Errorf(".sol: recomputed %v, Cost line %v; JSON cost %v", cost, s.Cost, out.Cost)
	}
}

func TestSolveSolomon(t *testing.T) {
	code, stdout, stderr := fulfil(t, "", "solve", "--time-limit", "1s", "testdata/c101-10.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Feasible  bool    `json:"feasible"`
		DistanceM float64 `json:"distance_m"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if !out.Feasible || out.DistanceM <= 0 {
		t.Errorf("got feasible=%v distance %v", out.Feasible, out.DistanceM)
	}
}

// TestSolveServiceJSON solves a /v1/vrp body from a file, as the server
// would: the day-in-progress request (10 stops, road state) is answered
// feasibly with every stop served and the fixed beginning kept; a body
// with an unknown field names the file and field, one with a wrong type
// its line and column.
func TestSolveServiceJSON(t *testing.T) {
	code, stdout, stderr := fulfil(t, "", "solve", "../../solver/vrp/testdata/day-in-progress.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Feasible bool `json:"feasible"`
		Routes   []struct {
			Vehicle string `json:"vehicle"`
			Visits  []struct {
				Stop string `json:"stop"`
			} `json:"visits"`
		} `json:"routes"`
		Unassigned []any `json:"unassigned"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	served := 0
	for _, r := range out.Routes {
		served += len(r.Visits)
		if r.Vehicle == "T1" && (len(r.Visits) < 2 || r.Visits[0].Stop != "P1" || r.Visits[1].Stop != "P2") {
			t.Errorf("T1 visits %v, want the fixed beginning P1, P2", r.Visits)
		}
	}
	if !out.Feasible || served != 10 || len(out.Unassigned) != 0 {
		t.Errorf("got feasible=%v, %d served, %d unassigned; want feasible, 10, 0", out.Feasible, served, len(out.Unassigned))
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\"input\": {\"stops\": []},\n \"options\": {\"colour\": 1}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = fulfil(t, "", "solve", bad)
	if code == 0 || !strings.Contains(stderr, "bad.json") || !strings.Contains(stderr, `unknown field "colour"`) {
		t.Errorf("unknown field: exit %d, stderr %q; want an error naming bad.json and colour", code, stderr)
	}
	if err := os.WriteFile(bad, []byte("{\"input\": {\"stops\":\n [1]}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = fulfil(t, "", "solve", bad)
	if code == 0 || !strings.Contains(stderr, "bad.json:2:") {
		t.Errorf("wrong type: exit %d, stderr %q; want an error at bad.json:2", code, stderr)
	}
}

// TestSolvePickerRouting checks the published optima of one instance: 74
// in the single-block warehouse, 60 with the middle cross aisle.
func TestSolvePickerRouting(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want float64
	}{
		{"single block", nil, 74},
		{"two blocks", []string{"--two-block"}, 60},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{"solve"}, tc.args...), "../../datasets/samples/unit_F1_m5_C30_a3_0.txt")
			code, stdout, stderr := fulfil(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var out struct {
				DistanceM float64 `json:"distance_m"`
				Picks     []any   `json:"picks"`
			}
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatal(err)
			}
			if out.DistanceM != tc.want || len(out.Picks) != 3 {
				t.Errorf("got %v m over %d picks, want %v over 3", out.DistanceM, len(out.Picks), tc.want)
			}
		})
	}
}

// TestSolveGAP solves gap1 problem 1, whose minimisation optimum is 261.
func TestSolveGAP(t *testing.T) {
	code, stdout, stderr := fulfil(t, "", "solve", "--time-limit", "2s", "../../datasets/samples/gap1-0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Cost       int64 `json:"cost"`
		Assignment []int `json:"assignment"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Cost != 261 || len(out.Assignment) != 15 {
		t.Errorf("got cost %d with %d jobs, want 261 with 15", out.Cost, len(out.Assignment))
	}
}

func TestBenchOnATinySet(t *testing.T) {
	dir := t.TempDir()
	vrpFile, err := os.ReadFile("../../datasets/samples/P-n16-k8.vrp")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "P-n16-k8.vrp"), vrpFile, 0o644); err != nil {
		t.Fatal(err)
	}
	bks := "instance,n,capacity_or_k,bks,optimal,source\nP-n16-k8,15,35,450,yes,CVRPLIB\n"
	if err := os.WriteFile(filepath.Join(dir, "bks.csv"), []byte(bks), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := fulfil(t, "", "bench", "--set", dir, "--time-limit", "1s", "--format", "json", "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Results []struct {
			Instance string  `json:"instance"`
			Cost     float64 `json:"cost"`
			Feasible bool    `json:"feasible"`
		} `json:"results"`
		MeanGapPct *float64 `json:"mean_gap_pct"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("decoding %q: %v", stdout, err)
	}
	if len(rep.Results) != 1 || !rep.Results[0].Feasible || rep.MeanGapPct == nil || math.Abs(*rep.MeanGapPct) > 1e-9 {
		t.Errorf("got %+v, mean gap %v; want one feasible result at gap 0", rep.Results, rep.MeanGapPct)
	}
	// The JSON report is the earlier run of a comparison.
	before := filepath.Join(dir, "before.json")
	if err := os.WriteFile(before, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = fulfil(t, "", "bench", "--set", dir, "--time-limit", "1s", "--quiet", "--compare", before)
	if code != 0 || !strings.Contains(stdout, "| P-n16-k8 | 450.00 | 450.00 | 450.00 | 0.000 | 0.000 | +0.000 |") ||
		!strings.Contains(stdout, "1 instances in both runs") {
		t.Errorf("exit %d, comparison:\n%s%s", code, stdout, stderr)
	}
	// Solver options over the defaults: chains off, a budget of offspring.
	code, stdout, stderr = fulfil(t, "", "bench", "--set", dir, "--time-limit", "5s", "--quiet", "--format", "csv",
		"--vrp-options", `{"mutations": -1, "iterations": 400}`)
	if code != 0 || !strings.Contains(stdout, "P-n16-k8,15,450.000000,450.000000,0.000000,") || !strings.Contains(stdout, "400 iterations") {
		t.Errorf("exit %d, with --vrp-options:\n%s%s", code, stdout, stderr)
	}
	for opts, field := range map[string]string{
		`{"mutations": 2000}`:    "mutations: must be at most 1000",
		`{"mutation_stepz": 3}`:  `unknown field "mutation_stepz"`,
		`{"mutation_steps": -2}`: "mutation_steps: must be 0 or in [1, 100000]",
	} {
		code, _, stderr = fulfil(t, "", "bench", "--set", dir, "--vrp-options", opts)
		if code != 2 || !strings.Contains(stderr, field) {
			t.Errorf("--vrp-options %s: exit %d, stderr %q; want 2 and %q", opts, code, stderr, field)
		}
	}
}

func TestStockEvalAnswersEveryLine(t *testing.T) {
	in := `{"function": "newsvendor_normal", "inputs": {"holding_cost": 0.18, "stockout_cost": 0.7, "demand_mean": 50, "demand_sd": 8}}
{"function": "newsvendor_normal", "inputs": {"holding_cost": -1, "stockout_cost": 0.7, "demand_mean": 50, "demand_sd": 8}}
not json
{"function": "newsvendor_normal", "inputs": {"holding_cost": 0.18, "stockout_cost": 0.7, "demand_mean": 50, "demand_sd": 8}}
`
	code, stdout, stderr := fulfil(t, in, "stock", "eval")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d answers, want 4: %q", len(lines), stdout)
	}
	for i, want := range []string{"56.60395592743", "holding_cost", "error", "56.60395592743"} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("line %d: got %s, want it to contain %q", i, lines[i], want)
		}
	}
}

// TestDemo runs the README's main command on the embedded scenario with a
// short search and checks that every stage reports, every delivery is
// routed and checked, and every file is written.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo generates 50,000 orders")
	}
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := fulfil(t, "", "demo", "--time-limit", "0", "--iterations", "30", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"50000 orders", "200 pickup points", "0 without a truck", "routing        checked, passed",
		"replenishment  checked, passed: 40 policies", "CNY", "Shortages:", filepath.Join(dir, "report.html")} {
		if !strings.Contains(stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "… and") {
		t.Errorf("demo output hides rows behind \"… and N more\":\n%s", stdout)
	}
	for _, name := range []string{"report.html", "purchase.csv", "picking.csv", "delivery.csv", "shortages.csv", "replenishment.csv", "alerts.csv", "plan.xlsx", "plan.json", "routes.geojson"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "routes.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatalf("GeoJSON: %v", err)
	}
	if len(fc.Features) < 200+10 {
		t.Errorf("GeoJSON has %d features, want trips plus about 200 stops", len(fc.Features))
	}
}

// TestPlanExamples runs fulfil plan on the repository's example night,
// orders from CSV and from XLSX, flags after the argument as the README
// shows, and on a bad order file.
func TestPlanExamples(t *testing.T) {
	for _, orders := range []string{"orders.csv", "orders.xlsx"} {
		dir := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := fulfil(t, "", "plan", "../../examples/plan/network.json", "--orders", "../../examples/plan/"+orders,
			"--out", dir, "--time-limit", "0", "--iterations", "50", "--threads", "1")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", orders, code, stderr)
		}
		if !strings.Contains(stdout, "orders 400:") || !strings.Contains(stdout, filepath.Join(dir, "delivery.csv")) {
			t.Errorf("%s: summary:\n%s", orders, stdout)
		}
		if _, err := os.Stat(filepath.Join(dir, "plan.xlsx")); err != nil {
			t.Error(err)
		}
	}
	code, _, stderr := fulfil(t, "", "plan", "../../examples/plan/network.json", "--orders", "../../nightly/testdata/quantity.bad.csv")
	if code != 1 || !strings.Contains(stderr, `quantity.bad.csv:2:5: quantity: must be a whole number in [1, 1000000], got "two"`) {
		t.Errorf("bad orders: exit %d, stderr %s", code, stderr)
	}
}

// TestLoadAgainstAServer serves on loopback in-process and loads one
// inventory function for a short while: every answer must be a 200 or a
// 429, none a transport error.
func TestLoadAgainstAServer(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.DrainLinger = 0
	s, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	defer func() {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	body := filepath.Join(t.TempDir(), "nv.json")
	if err := os.WriteFile(body, []byte(`{"holding_cost": 1, "stockout_cost": 4, "demand_mean": 100, "demand_sd": 20}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for !s.Ready() {
		time.Sleep(5 * time.Millisecond)
	}
	code, out, stderr := fulfil(t, "", "load", "--url", "http://"+ln.Addr().String()+"/v1/stock/newsvendor_normal",
		"--body", body, "--c", "2", "--duration", "300ms", "--warmup", "50ms", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep bench.LoadReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rep.Requests == 0 || rep.Errors != 0 || rep.ByStatus[200] == 0 || rep.ByStatus[200]+rep.ByStatus[429] != rep.Requests {
		t.Errorf("report %+v", rep)
	}
}

// fulfil vroom answers VROOM's example 2 in VROOM's shape, and a bad
// input with VROOM's error body and exit code 1.
func TestVroom(t *testing.T) {
	code, stdout, stderr := fulfil(t, "", "vroom", "--iterations", "200", "--time-limit", "0", "--threads", "1", "testdata/vroom-example_2.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out struct {
		Code    int `json:"code"`
		Summary struct {
			Cost int64 `json:"cost"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil || out.Code != 0 || out.Summary.Cost != 5461 {
		t.Errorf("got code %d cost %d (%v), want 0 and 5461", out.Code, out.Summary.Cost, err)
	}
	code, stdout, _ = fulfil(t, `{"vehicles":[],"jobs":[]}`, "vroom", "-")
	if code != 1 || !strings.Contains(stdout, `"code": 2`) || !strings.Contains(stdout, "vehicles") {
		t.Errorf("exit %d, stdout %s; want 1 and a code 2 body naming vehicles", code, stdout)
	}
}
