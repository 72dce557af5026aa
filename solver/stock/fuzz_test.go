package stock

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// FuzzEval feeds arbitrary inputs to every function: each must return a
// result or an error, never panic. Seeds are the reference rows.
func FuzzEval(f *testing.F) {
	t := &testing.T{}
	for _, file := range []string{"stockpyl_cases.csv", "formula_cases.csv"} {
		for _, c := range readCases(t, file) {
			f.Add(c.function, []byte(c.inputs))
		}
	}
	f.Add("batch", []byte(`{"rows": [{"sku": "a", "warehouse": "w", "history": [0, 3, 0, 5], "lead_time_days": 1, "on_hand": 2}]}`))
	f.Fuzz(func(t *testing.T, name string, inputs []byte) {
		if len(inputs) > 4096 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		res, err := Eval(ctx, name, inputs)
		if err == nil {
			if _, err := json.Marshal(res); err != nil {
				t.Fatalf("%s: result does not marshal: %v", name, err)
			}
		}
	})
}
