package stock

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"
)

// The reference cases live in ../shared/reference/inventory (README.md there
// gives their sources: stockpyl's tests re-run against stockpyl, and
// independently computed textbook formulas). testdata/ keeps a copy so that
// the tests run without shared/.
const sharedRef = "../../../shared/reference/inventory"

// formulaFunction maps each formula_cases.csv row to the Eval function that
// computes it (that file names formulas, not functions).
var formulaFunction = map[string]string{
	"ss-demand-and-lt-var":      "safety_stock",
	"ss-demand-var-only":        "safety_stock",
	"RS-order-up-to":            "rs_order_up_to",
	"fillrate-rQ":               "fill_rate_rq",
	"fillrate-RS":               "fill_rate_rs",
	"newsvendor-fresh-salvage":  "newsvendor_fresh",
	"croston-sba":               "croston",
	"croston-R-forecast-pr1126": "croston",
	"ses":                       "ses",
}

// keyTolerance overrides the tolerance of single expected keys, where the
// reference quotes rounded numbers.
var keyTolerance = map[string]float64{
	// R prints fitted values to 4 decimals (forecast PR 1126).
	"croston-R-forecast-pr1126/fitted": 5e-5,
}

type refCase struct {
	id, function string
	inputs       json.RawMessage
	expected     map[string]any
	tol          float64
}

func readCases(t *testing.T, file string) []refCase {
	t.Helper()
	path := filepath.Join(sharedRef, file)
	if _, err := os.Stat(path); err != nil {
		t.Logf("%s absent (%v): using testdata copy", path, err)
		path = filepath.Join("testdata", file)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("opening reference cases: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var out []refCase
	for _, r := range rows[1:] {
		c := refCase{id: r[col["case_id"]], inputs: json.RawMessage(r[col["inputs_json"]]), tol: 1e-6}
		if i, ok := col["function"]; ok {
			c.function = r[i]
		} else {
			c.function = formulaFunction[c.id]
			if c.function == "" {
				t.Fatalf("case %s: no function mapped for formula %q", c.id, r[col["formula"]])
			}
		}
		if i, ok := col["tolerance"]; ok && r[i] != "" {
			if c.tol, err = strconv.ParseFloat(r[i], 64); err != nil {
				t.Fatalf("case %s: tolerance %q: %v", c.id, r[i], err)
			}
		}
		if err := json.Unmarshal([]byte(r[col["expected_json"]]), &c.expected); err != nil {
			t.Fatalf("case %s: expected_json: %v", c.id, err)
		}
		out = append(out, c)
	}
	return out
}

var costAtLevel = regexp.MustCompile(`^cost_at_S(\d+)$`)

func TestReferenceCases(t *testing.T) {
	for _, file := range []string{"stockpyl_cases.csv", "formula_cases.csv"} {
		for _, c := range readCases(t, file) {
			t.Run(c.id, func(t *testing.T) {
				res, err := Eval(context.Background(), c.function, c.inputs)
				if err != nil {
					t.Fatalf("Eval(%s): %v", c.function, err)
				}
				got := toJSONMap(t, res)
				keys := make([]string, 0, len(c.expected))
				for k := range c.expected {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					want := c.expected[k]
					tol := c.tol
					if kt, ok := keyTolerance[c.id+"/"+k]; ok {
						tol = kt
					}
					if m := costAtLevel.FindStringSubmatch(k); m != nil && c.function == "newsvendor_discrete" {
						// The case also quotes the cost of another level.
						var in map[string]any
						_ = json.Unmarshal(c.inputs, &in)
						in["base_stock_level"], _ = strconv.Atoi(m[1])
						raw, _ := json.Marshal(in)
						r2, err := Eval(context.Background(), "newsvendor_discrete_cost", raw)
						if err != nil {
							t.Fatalf("%s: %v", k, err)
						}
						compareJSON(t, k, toJSONMap(t, r2)["cost"], want, tol)
						continue
					}
					g, ok := got[k]
					if !ok {
						t.Errorf("%s: missing from result %v", k, got)
						continue
					}
					compareJSON(t, k, g, want, tol)
				}
			})
		}
	}
}

func toJSONMap(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal result: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("unmarshal result: %v", err)
	}
	return m
}

// compareJSON compares decoded JSON values; numbers match when
// |got − want| <= tol·max(1, |want|).
func compareJSON(t *testing.T, path string, got, want any, tol float64) {
	t.Helper()
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		if !ok {
			t.Errorf("%s: got %v, want number %v", path, got, w)
			return
		}
		if math.Abs(g-w) > tol*math.Max(1, math.Abs(w)) {
			t.Errorf("%s: got %.15g, want %.15g (tol %g)", path, g, w, tol)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Errorf("%s: got %v, want %v", path, got, w)
			return
		}
		for i := range w {
			compareJSON(t, fmt.Sprintf("%s[%d]", path, i), g[i], w[i], tol)
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: got %v, want object %v", path, got, w)
			return
		}
		for k, wv := range w {
			compareJSON(t, path+"."+k, g[k], wv, tol)
		}
	case nil:
		if got != nil {
			t.Errorf("%s: got %v, want null", path, got)
		}
	default:
		if got != want {
			t.Errorf("%s: got %v, want %v", path, got, want)
		}
	}
}

// TestTestdataCopyMatchesShared keeps testdata/ in step with the shared
// reference files when both are present.
func TestTestdataCopyMatchesShared(t *testing.T) {
	if _, err := os.Stat(sharedRef); err != nil {
		t.Skipf("%s absent: %v", sharedRef, err)
	}
	for _, file := range []string{"stockpyl_cases.csv", "formula_cases.csv"} {
		shared, err := os.ReadFile(filepath.Join(sharedRef, file))
		if err != nil {
			t.Fatal(err)
		}
		local, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		if string(shared) != string(local) {
			t.Errorf("testdata/%s differs from %s/%s: copy it again", file, sharedRef, file)
		}
	}
}
