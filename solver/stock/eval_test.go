package stock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"

	"fulfil/solver"
)

func TestFunctionsSortedAndCoverReferences(t *testing.T) {
	names := Functions()
	if !sort.StringsAreSorted(names) {
		t.Fatalf("Functions not sorted: %v", names)
	}
	have := map[string]bool{}
	for i, n := range names {
		if i > 0 && names[i-1] == n {
			t.Errorf("duplicate function %q", n)
		}
		have[n] = true
	}
	for _, file := range []string{"stockpyl_cases.csv", "formula_cases.csv"} {
		for _, c := range readCases(t, file) {
			if !have[c.function] {
				t.Errorf("%s: function %q not in Functions()", c.id, c.function)
			}
		}
	}
}

func TestEvalUnknownFunction(t *testing.T) {
	_, err := Eval(context.Background(), "no_such_thing", []byte(`{}`))
	if !errors.Is(err, ErrUnknownFunction) || !strings.Contains(err.Error(), "no_such_thing") {
		t.Fatalf("got %v, want ErrUnknownFunction naming the function", err)
	}
}

func TestEvalBadInput(t *testing.T) {
	cases := []struct {
		name, function, inputs, field string
	}{
		{"negative demand", "newsvendor_normal", `{"holding_cost": 1, "stockout_cost": 2, "demand_mean": -5, "demand_sd": 1}`, "demand_mean"},
		{"service level above 1", "safety_stock", `{"d": 100, "sigma_d": 20, "L": 4, "cycle_service_level": 1.2}`, "cycle_service_level"},
		{"service level 0", "rs_order_up_to", `{"d": 100, "sigma_d": 20, "R": 1, "L": 2, "cycle_service_level": 0}`, "cycle_service_level"},
		{"fill rate 1", "fill_rate_rs", `{"d": 100, "sigma_d": 20, "R": 1, "L": 2, "fill_rate": 1}`, "fill_rate"},
		{"missing field", "safety_stock", `{"d": 100, "L": 4, "cycle_service_level": 0.9}`, "sigma_d"},
		{"unknown field", "newsvendor_normal", `{"holding_cost": 1, "stockout_cost": 2, "demand_mean": 5, "demand_sd": 1, "demand_meen": 3}`, "demand_meen"},
		{"case differs", "safety_stock", `{"d": 100, "sigma_d": 20, "l": 4, "cycle_service_level": 0.9}`, "l"},
		{"wrong type", "newsvendor_normal", `{"holding_cost": 1, "stockout_cost": 2, "demand_mean": "five", "demand_sd": 1}`, "demand_mean"},
		{"not an object", "ses", `[1, 2]`, "inputs"},
		{"negative in series", "croston", `{"series": [0, 3, -1], "alpha": 0.1}`, "series[2]"},
		{"nested node", "gsm_tree.optimize_committed_service_times", `{"nodes": [{"index": 1, "h": -1, "T": 1, "z": 1}]}`, "nodes[0].h"},
		{"batch row", "batch", `{"rows": [{"sku": "a", "warehouse": "w", "demand_mean": 3, "demand_sd": 1, "lead_time_days": 1, "on_hand": 2}, {"sku": "b", "warehouse": "w", "demand_mean": 3, "demand_sd": -1, "lead_time_days": 1, "on_hand": 2}]}`, "rows[1].demand_sd"},
		{"pmf sum", "newsvendor_discrete", `{"holding_cost": 1, "stockout_cost": 2, "demand_pmf": {"1": 0.5, "2": 0.4}}`, "demand_pmf"},
		{"integer field", "wagner_whitin", `{"num_periods": 2.5, "holding_cost": 1, "fixed_cost": 1, "demand": [1, 2]}`, "num_periods"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Eval(context.Background(), c.function, []byte(c.inputs))
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok {
				t.Fatalf("got %v, want *solver.InputError", err)
			}
			if ie.Field() != c.field {
				t.Errorf("field: got %q (%v), want %q", ie.Field(), err, c.field)
			}
		})
	}
}

// NaN cannot travel in JSON; Go callers get the same field errors.
func TestGoCallersNaN(t *testing.T) {
	_, err := safetyStock(&safetyStockIn{D: math.NaN(), SigmaD: 1, L: 1, CycleServiceLevel: 0.9})
	if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "d" {
		t.Errorf("safety stock: got %v, want error on d", err)
	}
	rows := []Row{{SKU: "a", Warehouse: "w", DemandMean: 1, LeadTimeDays: 1}, {SKU: "b", Warehouse: "w", DemandMean: math.NaN(), LeadTimeDays: 1}}
	_, err = Batch(context.Background(), rows, BatchOptions{})
	if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "rows[1].demand_mean" {
		t.Errorf("batch: got %v, want error on rows[1].demand_mean", err)
	}
	_, err = Batch(context.Background(), rows[:1], BatchOptions{CycleServiceLevel: 1.5})
	if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "cycle_service_level" {
		t.Errorf("batch options: got %v, want error on cycle_service_level", err)
	}
}

func TestEvalLines(t *testing.T) {
	in := strings.Join([]string{
		`{"function": "economic_order_quantity", "inputs": {"fixed_cost": 8, "holding_cost": 0.225, "demand_rate": 1300}}`,
		`{"function": "economic_order_quantity", "inputs": {`,
		``,
		`{"function": "no_such", "inputs": {}}`,
		`{"function": "safety_stock", "inputs": {"d": 1, "sigma_d": 1, "L": 1, "cycle_service_level": 2}}`,
		`{"function": "ses", "inputs": {"series": [1, 2], "alpha": 0.5}, "extra": 1}`,
		`{"function": "ses", "inputs": {"series": [120, 130, 125, 140, 135, 150, 145], "alpha": 0.3}}`,
	}, "\n")
	var out bytes.Buffer
	if err := EvalLines(context.Background(), strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("got %d output lines, want 6:\n%s", len(lines), out.String())
	}
	type outLine struct {
		Line     int             `json:"line"`
		Function string          `json:"function"`
		Result   json.RawMessage `json:"result"`
		Error    *LineError      `json:"error"`
	}
	want := []struct {
		line     int
		function string
		field    string // "" and ok: a result
		ok       bool
	}{
		{1, "economic_order_quantity", "", true},
		{2, "", "", false},
		{4, "no_such", "function", false},
		{5, "safety_stock", "cycle_service_level", false},
		{6, "ses", "extra", false},
		{7, "ses", "", true},
	}
	for i, l := range lines {
		var o outLine
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("line %d: %v: %s", i, err, l)
		}
		w := want[i]
		if o.Line != w.line || o.Function != w.function {
			t.Errorf("output %d: got line %d function %q, want %d %q", i, o.Line, o.Function, w.line, w.function)
		}
		if w.ok != (o.Error == nil) || w.ok != (len(o.Result) > 0) {
			t.Errorf("output %d: got %s", i, l)
			continue
		}
		if !w.ok && o.Error.Field != w.field {
			t.Errorf("output %d: error field %q, want %q (%s)", i, o.Error.Field, w.field, o.Error.Message)
		}
	}
	var last struct {
		Result sesResult `json:"result"`
	}
	if err := json.Unmarshal([]byte(lines[5]), &last); err != nil || math.Abs(last.Result.Forecast-138.92736) > 1e-9 {
		t.Errorf("ses result: got %s (%v)", lines[5], err)
	}
}

func TestEvalLinesCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := EvalLines(ctx, strings.NewReader(`{"function": "ses", "inputs": {"series": [1], "alpha": 0.5}}`), &bytes.Buffer{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestEvalThreadsCapsBatch: a capped batch refuses more threads than the
// cap, naming the field, and gets one thread when it names none.
func TestEvalThreadsCapsBatch(t *testing.T) {
	row := `{"sku": "a", "warehouse": "w", "demand_mean": 10, "demand_sd": 2, "lead_time_days": 2, "on_hand": 5}`
	_, err := EvalThreads(context.Background(), "batch", []byte(`{"rows": [`+row+`], "options": {"threads": 3}}`), 2)
	if ie, ok := errors.AsType[*solver.InputError](err); !ok || ie.Field() != "options.threads" {
		t.Fatalf("3 threads over a cap of 2: got %v, want an input error on options.threads", err)
	}
	res, err := EvalThreads(context.Background(), "batch", []byte(`{"rows": [`+row+`]}`), 2)
	if err != nil {
		t.Fatal(err)
	}
	if th := res.(*batchResult).Stats.Threads; th != 1 {
		t.Errorf("got %d threads, want 1", th)
	}
}

// TestSignatures: every function names struct inputs and results, and
// batch's are the types batchEval decodes and returns.
func TestSignatures(t *testing.T) {
	sigs := Signatures()
	if len(sigs) != len(Functions()) {
		t.Fatalf("%d signatures for %d functions", len(sigs), len(Functions()))
	}
	for _, s := range sigs {
		if s.In == nil || s.In.Kind() != reflect.Struct || len(s.Out) == 0 {
			t.Errorf("%s: in %v, out %v; want structs", s.Name, s.In, s.Out)
		}
		for _, o := range s.Out {
			if o.Kind() != reflect.Struct {
				t.Errorf("%s: result %v, want a struct", s.Name, o)
			}
		}
		if s.Name == "batch" && (s.In != reflect.TypeFor[batchIn]() || s.Out[0] != reflect.TypeFor[batchResult]()) {
			t.Errorf("batch: in %v, out %v", s.In, s.Out)
		}
	}
}
