package stock

import (
	"fmt"
	"math"
)

// Deterministic lot sizing: EOQ, EOQ with planned backorders, EPQ and the
// all-units quantity discount, and case-pack / minimum-order rounding.
// Demand rate λ, fixed cost K per order, holding cost h per unit per unit
// time.

type eoqIn struct {
	FixedCost   float64 `json:"fixed_cost"`
	HoldingCost float64 `json:"holding_cost"`
	DemandRate  float64 `json:"demand_rate"`
}

func (in *eoqIn) validate(c *check) {
	c.positive("fixed_cost", in.FixedCost)
	c.positive("holding_cost", in.HoldingCost)
	c.positive("demand_rate", in.DemandRate)
}

type eoqResult struct {
	OrderQuantity float64 `json:"order_quantity"`
	Cost          float64 `json:"cost"`
	CycleTime     float64 `json:"cycle_time"`
}

// economicOrderQuantity: Q* = √(2Kλ/h), cost √(2Kλh).
func economicOrderQuantity(in *eoqIn) (*eoqResult, error) {
	var c check
	in.validate(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := math.Sqrt(2 * in.FixedCost * in.DemandRate / in.HoldingCost)
	return &eoqResult{OrderQuantity: q, Cost: math.Sqrt(2 * in.FixedCost * in.DemandRate * in.HoldingCost), CycleTime: q / in.DemandRate}, nil
}

type eoqbIn struct {
	eoqIn
	StockoutCost float64 `json:"stockout_cost"`
}

type eoqbResult struct {
	OrderQuantity    float64 `json:"order_quantity"`
	StockoutFraction float64 `json:"stockout_fraction"`
	Cost             float64 `json:"cost"`
}

// economicOrderQuantityWithBackorders: Q* = √(2Kλ(h+p)/(hp)), a fraction
// h/(h+p) of each cycle in backorder, cost √(2Kλhp/(h+p)).
func economicOrderQuantityWithBackorders(in *eoqbIn) (*eoqbResult, error) {
	var c check
	in.validate(&c)
	c.positive("stockout_cost", in.StockoutCost)
	if err := c.err(); err != nil {
		return nil, err
	}
	h, p, k, l := in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandRate
	return &eoqbResult{
		OrderQuantity:    math.Sqrt(2 * k * l * (h + p) / (h * p)),
		StockoutFraction: h / (h + p),
		Cost:             math.Sqrt(2 * k * l * h * p / (h + p)),
	}, nil
}

type epqIn struct {
	eoqIn
	ProductionRate float64 `json:"production_rate"`
}

// economicProductionQuantity: Q* = √(2Kλ/(h(1−ρ))), ρ = λ/μ, cost
// √(2Kλh(1−ρ)).
func economicProductionQuantity(in *epqIn) (*eoqResult, error) {
	var c check
	in.validate(&c)
	c.positive("production_rate", in.ProductionRate)
	if c.v.Len() == 0 && in.ProductionRate <= in.DemandRate {
		c.add("production_rate", "must exceed demand_rate (%g), got %g", in.DemandRate, in.ProductionRate)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	rho := in.DemandRate / in.ProductionRate
	q := math.Sqrt(2 * in.FixedCost * in.DemandRate / (in.HoldingCost * (1 - rho)))
	return &eoqResult{OrderQuantity: q, Cost: math.Sqrt(2 * in.FixedCost * in.DemandRate * in.HoldingCost * (1 - rho)), CycleTime: q / in.DemandRate}, nil
}

type allUnitsIn struct {
	FixedCost       float64   `json:"fixed_cost"`
	HoldingCostRate float64   `json:"holding_cost_rate"` // h = rate × unit cost
	DemandRate      float64   `json:"demand_rate"`
	Breakpoints     []float64 `json:"breakpoints"` // b_0 = 0 < b_1 < ...
	UnitCosts       []float64 `json:"unit_costs"`  // c_j for Q in [b_j, b_{j+1})
}

type allUnitsResult struct {
	OrderQuantity float64 `json:"order_quantity"`
	Region        int     `json:"region"`
	UnitCost      float64 `json:"unit_cost"`
	Cost          float64 `json:"cost"` // purchase + ordering + holding per unit time
}

// economicOrderQuantityWithAllUnitsDiscounts tries every price region j:
// the region's EOQ √(2Kλ/(i·c_j)) moved into [b_j, b_{j+1}), and keeps the
// cheapest total cost c_j·λ + Kλ/Q + i·c_j·Q/2.
func economicOrderQuantityWithAllUnitsDiscounts(in *allUnitsIn) (*allUnitsResult, error) {
	var c check
	c.positive("fixed_cost", in.FixedCost)
	c.positive("holding_cost_rate", in.HoldingCostRate)
	c.positive("demand_rate", in.DemandRate)
	if len(in.Breakpoints) == 0 {
		c.add("breakpoints", "must list at least one breakpoint")
	}
	if len(in.UnitCosts) != len(in.Breakpoints) {
		c.add("unit_costs", "must have as many entries as breakpoints (%d), got %d", len(in.Breakpoints), len(in.UnitCosts))
	}
	for i, b := range in.Breakpoints {
		f := fmt.Sprintf("breakpoints[%d]", i)
		c.nonneg(f, b)
		if i == 0 && b != 0 {
			c.add(f, "must be 0, got %g", b)
		}
		if i > 0 && b <= in.Breakpoints[i-1] {
			c.add(f, "must exceed breakpoints[%d] (%g), got %g", i-1, in.Breakpoints[i-1], b)
		}
	}
	for i, u := range in.UnitCosts {
		c.positive(fmt.Sprintf("unit_costs[%d]", i), u)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	best := allUnitsResult{Cost: math.Inf(1)}
	for j, cj := range in.UnitCosts {
		h := in.HoldingCostRate * cj
		q := math.Sqrt(2 * in.FixedCost * in.DemandRate / h)
		q = math.Max(q, in.Breakpoints[j])
		if j+1 < len(in.Breakpoints) && q >= in.Breakpoints[j+1] {
			continue // a higher region is cheaper at that quantity
		}
		cost := cj*in.DemandRate + in.FixedCost*in.DemandRate/q + h*q/2
		if cost < best.Cost {
			best = allUnitsResult{OrderQuantity: q, Region: j, UnitCost: cj, Cost: cost}
		}
	}
	return &best, nil
}

// roundOrder rounds a suggested quantity q up to whole case packs and to at
// least the minimum order; zero stays zero. casePack 0 means no pack size.
func roundOrder(q, casePack, minOrder float64) float64 {
	if q <= 0 {
		return 0
	}
	if q < minOrder {
		q = minOrder
	}
	if casePack > 0 {
		q = math.Ceil(q/casePack-1e-9) * casePack
	}
	return q
}

type roundOrderIn struct {
	Quantity float64 `json:"quantity"`
	CasePack float64 `json:"case_pack,omitempty"`
	MinOrder float64 `json:"min_order,omitempty"`
}

type roundOrderResult struct {
	OrderQuantity float64 `json:"order_quantity"`
	Cases         float64 `json:"cases,omitempty"`
}

func roundOrderQuantity(in *roundOrderIn) (*roundOrderResult, error) {
	var c check
	c.nonneg("quantity", in.Quantity)
	c.nonneg("case_pack", in.CasePack)
	c.nonneg("min_order", in.MinOrder)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := roundOrder(in.Quantity, in.CasePack, in.MinOrder)
	r := &roundOrderResult{OrderQuantity: q}
	if in.CasePack > 0 {
		r.Cases = math.Round(q / in.CasePack)
	}
	return r, nil
}
