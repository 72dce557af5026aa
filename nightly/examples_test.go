package nightly_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"fulfil/datasets"
	"fulfil/nightly"
)

var update = flag.Bool("update", false, "rewrite the examples in ../examples/plan from the generator")

// exampleDir holds the input examples the README shows.
const exampleDir = "../examples/plan"

// exampleScenario is the small night of the examples: 400 orders at 12
// pickup points, 6 SKUs, 2 warehouses, 3 trucks.
func exampleScenario() datasets.ScenarioOptions {
	o := datasets.DefaultScenario()
	o.Name, o.Orders, o.PickupPoints, o.SKUs, o.Trucks, o.HistoryDays = "example", 400, 12, 6, 3, 56
	o.ThresholdOrders, o.Pickers = 20, 2
	return o
}

// writeExamples writes input.json (everything), network.json (everything
// but the orders) and the orders as orders.csv and orders.xlsx.
func writeExamples(t *testing.T) {
	in, err := datasets.Generate(exampleScenario())
	if err != nil {
		t.Fatal(err)
	}
	put := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(exampleDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.MarshalIndent(in, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	put("input.json", append(b, '\n'))
	net := *in
	net.Orders = nil
	if b, err = json.MarshalIndent(&net, "", " "); err != nil {
		t.Fatal(err)
	}
	put("network.json", append(b, '\n'))
	rows := [][]string{{"order_id", "pickup_point", "activity", "sku", "quantity", "placed_at"}}
	for _, o := range in.Orders {
		for _, l := range o.Lines {
			rows = append(rows, []string{o.ID, o.PickupPoint, o.Activity, l.SKU, strconv.FormatInt(l.Quantity, 10), clockOf(*o.PlacedS)})
		}
	}
	var c bytes.Buffer
	w := csv.NewWriter(&c)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	put("orders.csv", c.Bytes())
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "orders"); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		cells := make([]any, len(row))
		for i, s := range row {
			cells[i] = s
			if q, err := strconv.Atoi(s); err == nil && i == 4 {
				cells[i] = q
			}
		}
		at, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("orders", at, &cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(exampleDir, "orders.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// clockOf formats seconds after midnight as the order files' placed_at.
func clockOf(s int) string {
	day := ""
	if s < 0 {
		day, s = "D-1 ", s+86400
	}
	return fmt.Sprintf("%s%02d:%02d", day, s/3600, s%3600/60)
}

// TestExamples plans the examples three ways: the whole input.json, and
// network.json with the orders from orders.csv or from orders.xlsx. All
// three read the same orders, so the rules accept the same demand and the
// plans ship the same units.
func TestExamples(t *testing.T) {
	if *update {
		writeExamples(t)
	}
	opt := quickOptions()
	var accepted [][]nightly.Demand
	for _, orders := range []string{"", "orders.csv", "orders.xlsx"} {
		t.Run("orders="+orders, func(t *testing.T) {
			name := "input.json"
			if orders != "" {
				name = "network.json"
			}
			in, err := nightly.ReadInputFile(filepath.Join(exampleDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if orders != "" {
				if len(in.Orders) != 0 {
					t.Fatalf("network.json holds %d orders, want none", len(in.Orders))
				}
				if err := nightly.ReadOrdersFile(filepath.Join(exampleDir, orders), in); err != nil {
					t.Fatal(err)
				}
			}
			if len(in.Orders) != 400 {
				t.Errorf("got %d orders, want 400", len(in.Orders))
			}
			p, err := nightly.Run(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, in, p)
			accepted = append(accepted, p.Rules.Accepted)
		})
	}
	for i := 1; i < len(accepted); i++ {
		if !reflect.DeepEqual(accepted[0], accepted[i]) {
			t.Errorf("the orders of input.json and of order file %d give different demand", i)
		}
	}
}
