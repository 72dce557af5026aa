package stock

import "math"

// Periodic review (R,S): every R days order S − IP (inventory position: on
// hand + on order − backorders), so that stock covers the R+L days until the
// next order arrives. S = d·(R+L) + k·σ_{R+L} with k from a cycle service
// level (k = Φ⁻¹(α)) or a fill rate (σ_{R+L}·L(k) = (1−β)·d·R, the expected
// shortage per review period; this ignores the small shortage carried over
// from the previous cycle).

type rsIn struct {
	D      float64 `json:"d"`
	SigmaD float64 `json:"sigma_d"`
	R      float64 `json:"R"`
	L      float64 `json:"L"`
	SigmaL float64 `json:"sigma_L,omitempty"`
	// InventoryPosition, when given, yields the order quantity.
	InventoryPosition *float64 `json:"inventory_position,omitempty"`
	CasePack          float64  `json:"case_pack,omitempty"`
	MinOrder          float64  `json:"min_order,omitempty"`
}

func (in *rsIn) validate(c *check) {
	c.nonneg("d", in.D)
	c.nonneg("sigma_d", in.SigmaD)
	c.positive("R", in.R)
	c.nonneg("L", in.L)
	c.nonneg("sigma_L", in.SigmaL)
	if in.InventoryPosition != nil {
		c.finite("inventory_position", *in.InventoryPosition)
	}
	c.nonneg("case_pack", in.CasePack)
	c.nonneg("min_order", in.MinOrder)
}

type rsResult struct {
	Z             float64  `json:"z"`
	K             float64  `json:"k"`
	SigmaRL       float64  `json:"sigma_RL"`
	GTarget       float64  `json:"G_target"` // L(k): expected shortage per cycle over σ
	SafetyStock   float64  `json:"safety_stock"`
	OrderUpTo     float64  `json:"order_up_to"`
	OrderQuantity *float64 `json:"order_quantity,omitempty"`
	// FillRate is the fill rate the level achieves, 1 − σ·L(k)/(d·R).
	FillRate          float64 `json:"fill_rate"`
	CycleServiceLevel float64 `json:"cycle_service_level"`
}

func (in *rsIn) finish(k, sigma, g float64) *rsResult {
	mean := in.D * (in.R + in.L)
	r := &rsResult{Z: k, K: k, SigmaRL: sigma, GTarget: g, SafetyStock: k * sigma, OrderUpTo: mean + k*sigma, CycleServiceLevel: stdCDF(k)}
	if in.D > 0 {
		r.FillRate = 1 - sigma*stdLoss(k)/(in.D*in.R)
	} else {
		r.FillRate = 1
	}
	if in.InventoryPosition != nil {
		q := roundOrder(math.Max(0, r.OrderUpTo-*in.InventoryPosition), in.CasePack, in.MinOrder)
		r.OrderQuantity = &q
	}
	return r
}

type rsCSLIn struct {
	rsIn
	CycleServiceLevel float64 `json:"cycle_service_level"`
}

func rsOrderUpTo(in *rsCSLIn) (*rsResult, error) {
	var c check
	in.validate(&c)
	c.open01("cycle_service_level", in.CycleServiceLevel)
	if err := c.err(); err != nil {
		return nil, err
	}
	_, sigma := protection(in.D, in.SigmaD, in.R, in.L, in.SigmaL)
	z := stdQuantile(in.CycleServiceLevel)
	return in.finish(z, sigma, stdLoss(z)), nil
}

type rsFillRateIn struct {
	rsIn
	FillRate float64 `json:"fill_rate"`
}

func fillRateRS(in *rsFillRateIn) (*rsResult, error) {
	var c check
	in.validate(&c)
	c.open01("fill_rate", in.FillRate)
	_, sigma := protection(in.D, in.SigmaD, in.R, in.L, in.SigmaL)
	if c.v.Len() == 0 && (sigma <= 0 || in.D <= 0) {
		c.add("sigma_d", "must be > 0 with d > 0 for a fill-rate target, got sigma_d %g and d %g", in.SigmaD, in.D)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	g := (1 - in.FillRate) * in.D * in.R / sigma
	return in.finish(stdLossInverse(g), sigma, g), nil
}
