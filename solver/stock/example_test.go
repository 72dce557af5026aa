package stock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"fulfil/solver/stock"
)

// Daily replenishment of one SKU: order up to S over review plus lead time.
func ExampleEval() {
	res, err := stock.Eval(context.Background(), "rs_order_up_to",
		[]byte(`{"d": 100, "sigma_d": 20, "R": 1, "L": 2, "cycle_service_level": 0.98, "inventory_position": 250, "case_pack": 12}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	raw, _ := json.Marshal(res)
	var out struct {
		OrderUpTo     float64 `json:"order_up_to"`
		SafetyStock   float64 `json:"safety_stock"`
		OrderQuantity float64 `json:"order_quantity"`
	}
	_ = json.Unmarshal(raw, &out)
	fmt.Printf("S=%.1f SS=%.1f order=%.0f\n", out.OrderUpTo, out.SafetyStock, out.OrderQuantity)
	// Output: S=371.1 SS=71.1 order=132
}

// The JSON-lines protocol of `fulfil stock eval`: a bad line gets an error
// naming the field and the next line is still answered.
func ExampleEvalLines() {
	in := `{"function": "economic_order_quantity", "inputs": {"fixed_cost": 8, "holding_cost": 0.225, "demand_rate": -1300}}
{"function": "wagner_whitin", "inputs": {"num_periods": 4, "holding_cost": 2, "fixed_cost": 500, "demand": [90, 120, 80, 70]}}`
	if err := stock.EvalLines(context.Background(), strings.NewReader(in), os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {"line":1,"function":"economic_order_quantity","error":{"message":"demand_rate: must be \u003e 0, got -1300","field":"demand_rate","violations":[{"field":"demand_rate","message":"must be \u003e 0, got -1300"}]}}
	// {"line":2,"function":"wagner_whitin","result":{"order_quantities":[0,210,0,150,0],"cost":1380,"next_order_periods":[0,3,5,5,5]}}
}
