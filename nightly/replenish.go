package nightly

import (
	"context"
	"fmt"
	"math"

	"fulfil/solver/stock"
)

// ReplenishmentStage is the (R,S) policy and water level of every SKU at
// every warehouse with history, after tonight's shipments, and the orders
// it places on suppliers.
type ReplenishmentStage struct {
	Rows    []stock.Row       `json:"rows"`
	Results []stock.RowResult `json:"results"`
	// Orders holds one line per result, in row order: the quantity to order
	// in whole cases.
	Orders []Reorder   `json:"orders"`
	Check  CheckReport `json:"check"`
}

// Reorder is the replenishment order of one SKU at one warehouse.
type Reorder struct {
	SKU       string  `json:"sku"`
	Warehouse string  `json:"warehouse"`
	Supplier  string  `json:"supplier"`
	Quantity  float64 `json:"quantity"`
	Cases     float64 `json:"cases"`
	CasePack  int     `json:"case_pack"`
	// RoundedDown is set when rounding up to a whole case would lift the
	// stock above the shelf-life cap, so the order was rounded down a case
	// instead; Note says so in words.
	RoundedDown bool   `json:"rounded_down,omitempty"`
	Note        string `json:"note,omitempty"`
}

// replenish computes each SKU's policy at each warehouse from its history,
// its supplier's lead time, its shelf life and what stays on hand once
// tonight's allocation has shipped; then orders whole cases.
func (p *Plan) replenish(ctx context.Context, in *Input, ix *index, opt Options) error {
	type key struct{ w, k string }
	shipped := make(map[key]int64, len(in.Stock))
	for _, as := range p.Allocation.Output.Assignments {
		shipped[key{as.Warehouse, as.SKU}] += as.Units
	}
	onHand := make(map[key]int64, len(in.Stock))
	for _, st := range in.Stock {
		onHand[key{st.Warehouse, st.SKU}] = st.Units
	}
	st := &p.Replenishment
	for _, h := range in.History {
		k := key{h.Warehouse, h.SKU}
		sku := in.SKUs[ix.sku[h.SKU]]
		sup := in.Suppliers[ix.supplier[sku.Supplier]]
		r := stock.Row{
			SKU: h.SKU, Warehouse: h.Warehouse,
			LeadTimeDays: sup.LeadTimeDays, LeadTimeSDDays: sup.LeadTimeSDDays,
			OnHand:        float64(onHand[k] - shipped[k]),
			ShelfLifeDays: float64(sku.ShelfLifeDays),
			CasePack:      float64(max(sku.CasePack, 1)), // whole units at least
		}
		for _, d := range h.Daily {
			r.History = append(r.History, float64(d))
		}
		st.Rows = append(st.Rows, r)
	}
	if len(st.Rows) == 0 {
		st.Check = passed()
		return nil
	}
	var err error
	if st.Results, err = stock.Batch(ctx, st.Rows, opt.Stock); err != nil {
		return fmt.Errorf("replenishment: %w", err)
	}
	for i, r := range st.Results {
		sku := in.SKUs[ix.sku[r.SKU]]
		st.Orders = append(st.Orders, reorder(r, st.Rows[i].CasePack, sku))
	}
	st.Check = checkReplenishment(st)
	return nil
}

// reorder turns a policy into whole cases. stock.Batch rounds the order up
// to a case; when the policy was capped by shelf life that can lift the
// position above the cap (SKU015 at W1 in the festival: cap 592, order
// 594 from position 0). Then the order is rounded down to a case instead,
// and the note says so.
func reorder(r stock.RowResult, pack float64, sku SKU) Reorder {
	o := Reorder{SKU: r.SKU, Warehouse: r.Warehouse, Supplier: sku.Supplier, Quantity: r.OrderQuantity, CasePack: max(sku.CasePack, 1)}
	if r.ShelfLifeCapped && pack > 0 && r.InventoryPosition+o.Quantity > r.OrderUpTo+1e-9 {
		down := math.Max(0, math.Floor((r.OrderUpTo-r.InventoryPosition)/pack+1e-9)*pack)
		o.Note = fmt.Sprintf("rounded down to %g (%g cases of %g): rounding up to %g would exceed the shelf-life cap %.0f",
			down, down/pack, pack, o.Quantity, r.OrderUpTo)
		o.Quantity, o.RoundedDown = down, true
	}
	o.Cases = math.Ceil(o.Quantity/float64(o.CasePack) - 1e-9)
	return o
}

// checkReplenishment recomputes each order's bounds: whole cases, never
// negative, and never above a shelf-life cap.
func checkReplenishment(st *ReplenishmentStage) CheckReport {
	var bad []string
	for i, o := range st.Orders {
		r := st.Results[i]
		if o.Quantity < 0 || math.Abs(o.Quantity-o.Cases*float64(o.CasePack)) > 1e-9 {
			bad = append(bad, fmt.Sprintf("%s at %s: %g units are not %g whole cases of %d", o.SKU, o.Warehouse, o.Quantity, o.Cases, o.CasePack))
		}
		if r.ShelfLifeCapped && o.Quantity > 0 && r.InventoryPosition+o.Quantity > r.OrderUpTo+1e-6 {
			bad = append(bad, fmt.Sprintf("%s at %s: position %.0f + order %g exceeds the shelf-life cap %.0f", o.SKU, o.Warehouse, r.InventoryPosition, o.Quantity, r.OrderUpTo))
		}
	}
	if len(bad) > 0 {
		return CheckReport{Violations: bad}
	}
	return passed()
}
