package nightly

import (
	"fmt"
	"math"
)

// sheet is one task list: a name (the CSV file's stem and the workbook's
// sheet), a header and rows of cells, each a string, an int64 or a
// float64, so that the workbook keeps numbers as numbers.
type sheet struct {
	name   string
	header []string
	rows   [][]any
}

// sheets builds every list of the plan, in the order the workbook shows
// them.
func (p *Plan) sheets() []sheet {
	return []sheet{p.purchaseSheet(), p.pickingSheet(), p.deliverySheet(), p.shortageSheet(),
		p.replenishmentSheet(), p.alertSheet(), p.cancelledSheet()}
}

// unit names one unit of sku on the sheets.
func (p *Plan) unit(sku string) string {
	if u := p.units[sku]; u != "" {
		return u
	}
	return "unit"
}

func (p *Plan) purchaseSheet() sheet {
	s := sheet{name: "purchase", header: []string{"supplier", "supplier_name", "sku", "name", "warehouse", "shipped_tonight", "quantity", "unit", "cases", "due", "cost_cny", "note"}}
	names := map[string]string{}
	for _, sp := range p.in.Suppliers {
		names[sp.ID] = sp.Name
	}
	for _, l := range p.Purchase {
		s.rows = append(s.rows, []any{l.Supplier, names[l.Supplier], l.SKU, l.Name, l.Warehouse, l.ShippedTonight, l.Quantity, l.Unit, l.Cases, l.Due, l.CostCNY, l.Note})
	}
	return s
}

// pickingSheet: one row per pick line, carts in the order pickers take
// them, picks in walking order; bins numbered from 1.
func (p *Plan) pickingSheet() sheet {
	s := sheet{name: "picking", header: []string{"warehouse", "wave", "truck", "cart", "picker", "cart_start", "seq", "sku", "location", "quantity", "unit", "pickup_point", "bin"}}
	for _, ww := range p.Waves {
		if ww.Output == nil {
			continue
		}
		for _, c := range ww.Carts {
			wv := ww.Output.Waves[c.Wave]
			b := wv.Batches[c.Batch]
			point := make(map[int]string, len(b.Bins))
			for _, bin := range b.Bins {
				point[bin.Bin] = bin.PickupPoint
			}
			for i, pk := range b.Picks {
				s.rows = append(s.rows, []any{ww.Warehouse, wv.ID, ww.Schedule[c.Wave].Truck, int64(c.Batch + 1), int64(c.Picker), clock(c.StartS), int64(i + 1),
					pk.SKU, pk.Location, int64(pk.Quantity), p.unit(pk.SKU), point[pk.Bin], int64(pk.Bin + 1)})
			}
		}
	}
	return s
}

// deliverySheet: one row per pickup point and SKU, trucks in output order,
// stops in driving order.
func (p *Plan) deliverySheet() sheet {
	s := sheet{name: "delivery", header: []string{"truck", "trip", "seq", "pickup_point", "address", "contact", "eta", "late_min", "sku", "name", "quantity", "unit", "warehouse"}}
	points := make(map[string]PickupPoint, len(p.in.PickupPoints))
	for _, pp := range p.in.PickupPoints {
		points[pp.ID] = pp
	}
	names := make(map[string]string, len(p.in.SKUs))
	for _, k := range p.in.SKUs {
		names[k.ID] = k.Name
	}
	for _, t := range p.Routing.Trips {
		for _, st := range t.Stops {
			pp := points[st.PickupPoint]
			late := int64(math.Ceil(st.LateS/60 - 1e-9))
			for _, l := range p.Allocation.Deliveries[st.Delivery].Lines {
				s.rows = append(s.rows, []any{t.Truck, int64(t.Trip), int64(st.Seq), pp.ID, pp.Address, pp.Contact, clock(st.DelayedEtaS), late,
					l.SKU, names[l.SKU], l.Quantity, p.unit(l.SKU), t.Warehouse})
			}
		}
	}
	return s
}

func (p *Plan) shortageSheet() sheet {
	s := sheet{name: "shortages", header: []string{"sku", "pickup_point", "short", "unit", "reason", "warehouse"}}
	for _, sh := range p.Shortages {
		s.rows = append(s.rows, []any{sh.SKU, sh.PickupPoint, sh.Short, p.unit(sh.SKU), sh.Reason, sh.Warehouse})
	}
	return s
}

// replenishmentSheet: every policy row, whether it orders or not.
func (p *Plan) replenishmentSheet() sheet {
	s := sheet{name: "replenishment", header: []string{"sku", "warehouse", "supplier", "class", "method", "forecast_per_day", "sd_per_day",
		"lead_time_days", "safety_stock", "reorder_point", "order_up_to", "shelf_life_capped", "capped_service_level",
		"on_hand", "inventory_position", "order_quantity", "case_pack", "cases", "level", "note"}}
	st := p.Replenishment
	for i, r := range st.Results {
		o := st.Orders[i]
		capped := "no"
		if r.ShelfLifeCapped {
			capped = "yes"
		}
		s.rows = append(s.rows, []any{r.SKU, r.Warehouse, o.Supplier, string(r.Class), string(r.Method), round1(r.DemandMean), round1(r.DemandSD),
			st.Rows[i].LeadTimeDays, math.Round(r.SafetyStock), math.Round(r.ReorderPoint), math.Round(r.OrderUpTo), capped,
			math.Round(r.CappedServiceLevel*1000) / 1000, st.Rows[i].OnHand, r.InventoryPosition, o.Quantity, int64(o.CasePack), o.Cases,
			string(r.Level), o.Note})
	}
	return s
}

func (p *Plan) alertSheet() sheet {
	s := sheet{name: "alerts", header: []string{"level", "kind", "subject", "plan", "actual", "deviation_pct", "message"}}
	for _, a := range p.Alerts {
		row := []any{a.Level, a.Kind, a.Subject, "", "", "", a.Message}
		if a.Plan != 0 || a.Actual != 0 {
			row[3], row[4], row[5] = a.Plan, a.Actual, a.DeviationPct
		}
		s.rows = append(s.rows, row)
	}
	return s
}

func (p *Plan) cancelledSheet() sheet {
	s := sheet{name: "cancelled", header: []string{"order", "pickup_point", "activity", "sku", "quantity", "unit", "reason"}}
	for _, c := range p.Rules.Cancelled {
		s.rows = append(s.rows, []any{c.Order, c.PickupPoint, c.Activity, c.SKU, c.Quantity, p.unit(c.SKU), c.Reason})
	}
	return s
}

// cell formats one cell for CSV.
func cell(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return fmt.Sprint(x)
	case float64:
		return fmt.Sprint(round1000(x))
	}
	panic(fmt.Sprintf("nightly: cell of type %T", v))
}

func round1000(x float64) float64 { return math.Round(x*1000) / 1000 }
