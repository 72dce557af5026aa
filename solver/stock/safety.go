package stock

// Safety stock and reorder point. By cycle service level α (probability of
// no stockout in a cycle): SS = z·σ_LT with z = Φ⁻¹(α). By fill rate β
// (fraction of demand met from stock): the expected shortage per cycle
// σ_LT·L(k) must equal (1−β)·Q, so k = L⁻¹((1−β)Q/σ_LT) and SS = k·σ_LT. By
// cost: α = p/(p+h), the critical ratio.

type safetyStockIn struct {
	D                 float64 `json:"d"`
	SigmaD            float64 `json:"sigma_d"`
	L                 float64 `json:"L"`
	SigmaL            float64 `json:"sigma_L,omitempty"`
	CycleServiceLevel float64 `json:"cycle_service_level"`
}

type safetyStockResult struct {
	Z             float64 `json:"z"`
	SigmaLT       float64 `json:"sigma_LT"`
	SafetyStock   float64 `json:"safety_stock"`
	ReorderPoint  float64 `json:"reorder_point"`
	LeadTimeMean  float64 `json:"lead_time_demand_mean"`
	ExpectedShort float64 `json:"expected_shortage_per_cycle"`
}

// safetyStock: SS = z·√(L·σ_d² + d²·σ_L²), ROP = d·L + SS.
func safetyStock(in *safetyStockIn) (*safetyStockResult, error) {
	var c check
	c.nonneg("d", in.D)
	c.nonneg("sigma_d", in.SigmaD)
	c.nonneg("L", in.L)
	c.nonneg("sigma_L", in.SigmaL)
	c.open01("cycle_service_level", in.CycleServiceLevel)
	if err := c.err(); err != nil {
		return nil, err
	}
	mean, sigma := protection(in.D, in.SigmaD, 0, in.L, in.SigmaL)
	z := stdQuantile(in.CycleServiceLevel)
	ss := z * sigma
	return &safetyStockResult{Z: z, SigmaLT: sigma, SafetyStock: ss, ReorderPoint: mean + ss, LeadTimeMean: mean, ExpectedShort: sigma * stdLoss(z)}, nil
}

type fillRateRQIn struct {
	Q        float64 `json:"Q"`
	FillRate float64 `json:"fill_rate"`
	D        float64 `json:"d,omitempty"` // daily demand, for the reorder point
	SigmaD   float64 `json:"sigma_d"`
	L        float64 `json:"L"`
	SigmaL   float64 `json:"sigma_L,omitempty"`
}

type fillRateRQResult struct {
	SigmaLT                  float64 `json:"sigma_LT"`
	GTarget                  float64 `json:"G_target"`
	K                        float64 `json:"k"`
	SafetyStock              float64 `json:"safety_stock"`
	ReorderPoint             float64 `json:"reorder_point"`
	CycleServiceLevelImplied float64 `json:"cycle_service_level_implied"`
}

// fillRateRQ: σ_LT·L(k) = (1−β)·Q.
func fillRateRQ(in *fillRateRQIn) (*fillRateRQResult, error) {
	var c check
	c.positive("Q", in.Q)
	c.open01("fill_rate", in.FillRate)
	c.nonneg("d", in.D)
	c.nonneg("sigma_d", in.SigmaD)
	c.positive("L", in.L)
	c.nonneg("sigma_L", in.SigmaL)
	mean, sigma := protection(in.D, in.SigmaD, 0, in.L, in.SigmaL)
	if c.v.Len() == 0 && sigma <= 0 {
		c.add("sigma_d", "must be > 0 (or sigma_L > 0 with d > 0) for a fill-rate target, got %g", in.SigmaD)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	g := (1 - in.FillRate) * in.Q / sigma
	k := stdLossInverse(g)
	return &fillRateRQResult{SigmaLT: sigma, GTarget: g, K: k, SafetyStock: k * sigma, ReorderPoint: mean + k*sigma, CycleServiceLevelImplied: stdCDF(k)}, nil
}

// safetyFactorForFillRate returns k with σ·L(k) = (1−β)·demandPerCycle.
func safetyFactorForFillRate(beta, demandPerCycle, sigma float64) float64 {
	return stdLossInverse((1 - beta) * demandPerCycle / sigma)
}

// criticalRatio is p/(p+h), the cost-optimal cycle service level.
func criticalRatio(h, p float64) float64 { return p / (p + h) }

type costServiceLevelIn struct {
	costParams
}

type serviceLevelResult struct {
	CycleServiceLevel float64 `json:"cycle_service_level"`
	Z                 float64 `json:"z"`
}

func costServiceLevel(in *costServiceLevelIn) (*serviceLevelResult, error) {
	var c check
	in.validate(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	a := criticalRatio(in.HoldingCost, in.StockoutCost)
	return &serviceLevelResult{CycleServiceLevel: a, Z: stdQuantile(a)}, nil
}
