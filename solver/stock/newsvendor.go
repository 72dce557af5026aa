package stock

import (
	"math"
	"sort"
	"strconv"
)

// Base-stock (newsvendor) policies. With holding cost h and stockout cost p
// per unit per period, the cost of base-stock level S against demand D is
// g(S) = h·E[(S−D)+] + p·E[(D−S)+] = h·n̄(S) + p·n(S), minimised where
// F(S) = p/(p+h) (the critical ratio). With a lead time of L periods under
// periodic review the level protects L+1 periods of demand.

// costParams are the per-period holding and stockout costs.
type costParams struct {
	HoldingCost  float64 `json:"holding_cost"`
	StockoutCost float64 `json:"stockout_cost"`
}

func (cp *costParams) validate(c *check) {
	c.positive("holding_cost", cp.HoldingCost)
	c.positive("stockout_cost", cp.StockoutCost)
}

func (cp *costParams) ratio() float64 {
	return cp.StockoutCost / (cp.StockoutCost + cp.HoldingCost)
}

// newsvendorCost is g(S) = h·n̄(S) + p·n(S) for demand distribution d.
func newsvendorCost(d Dist, h, p, s float64) float64 {
	return h*d.ComplLoss(s) + p*d.Loss(s)
}

// baseStockResult is a base-stock level and its expected cost per period.
type baseStockResult struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	Cost           float64 `json:"cost"`
	CriticalRatio  float64 `json:"critical_ratio"`
}

type costResult struct {
	Cost float64 `json:"cost"`
}

// nvOptimum returns the base-stock level at the critical ratio for demand
// d and its cost, or c's violations.
func nvOptimum(c *check, d Dist, cp *costParams) (*baseStockResult, error) {
	if err := c.err(); err != nil {
		return nil, err
	}
	cr := cp.ratio()
	s := d.Quantile(cr)
	return &baseStockResult{BaseStockLevel: s, Cost: newsvendorCost(d, cp.HoldingCost, cp.StockoutCost, s), CriticalRatio: cr}, nil
}

// nvCostAt returns the cost of base-stock level s against demand d, or
// c's violations with base_stock_level's.
func nvCostAt(c *check, d Dist, cp *costParams, s float64) (*costResult, error) {
	c.finite("base_stock_level", s)
	if err := c.err(); err != nil {
		return nil, err
	}
	return &costResult{Cost: newsvendorCost(d, cp.HoldingCost, cp.StockoutCost, s)}, nil
}

type nvNormalIn struct {
	costParams
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_sd"`
	// LeadTime in periods; the level protects LeadTime+1 periods.
	LeadTime float64 `json:"lead_time,omitempty"`
}

func (in *nvNormalIn) dist(c *check) Normal {
	in.validate(c)
	c.nonneg("demand_mean", in.DemandMean)
	c.nonneg("demand_sd", in.DemandSD)
	c.nonneg("lead_time", in.LeadTime)
	k := in.LeadTime + 1
	return NewNormal(k*in.DemandMean, math.Sqrt(k)*in.DemandSD)
}

func newsvendorNormal(in *nvNormalIn) (*baseStockResult, error) {
	var c check
	d := in.dist(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	cr := in.ratio()
	s := d.Mu
	if d.Sigma > 0 {
		s = d.Quantile(cr)
	}
	// At the optimum g(S) = (h+p)·σ·φ(z); the general form is used for σ = 0.
	return &baseStockResult{BaseStockLevel: s, Cost: newsvendorCost(d, in.HoldingCost, in.StockoutCost, s), CriticalRatio: cr}, nil
}

type nvNormalCostIn struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	nvNormalIn
}

func newsvendorNormalCost(in *nvNormalCostIn) (*costResult, error) {
	var c check
	d := in.dist(&c)
	return nvCostAt(&c, d, &in.costParams, in.BaseStockLevel)
}

type nvPoissonIn struct {
	costParams
	DemandMean float64 `json:"demand_mean"`
	LeadTime   float64 `json:"lead_time,omitempty"`
}

func (in *nvPoissonIn) dist(c *check) Poisson {
	in.validate(c)
	c.nonneg("demand_mean", in.DemandMean)
	c.nonneg("lead_time", in.LeadTime)
	return NewPoisson((in.LeadTime + 1) * in.DemandMean)
}

type intBaseStockResult struct {
	BaseStockLevel int     `json:"base_stock_level"`
	Cost           float64 `json:"cost"`
	CriticalRatio  float64 `json:"critical_ratio"`
}

func newsvendorPoisson(in *nvPoissonIn) (*intBaseStockResult, error) {
	var c check
	d := in.dist(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	cr := in.ratio()
	s := d.Quantile(cr)
	return &intBaseStockResult{BaseStockLevel: int(s), Cost: newsvendorCost(d, in.HoldingCost, in.StockoutCost, s), CriticalRatio: cr}, nil
}

type nvPoissonCostIn struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	nvPoissonIn
}

func newsvendorPoissonCost(in *nvPoissonCostIn) (*costResult, error) {
	var c check
	d := in.dist(&c)
	return nvCostAt(&c, d, &in.costParams, in.BaseStockLevel)
}

type nvDiscreteIn struct {
	costParams
	// DemandPMF maps a demand value (as a JSON key) to its probability.
	DemandPMF map[string]float64 `json:"demand_pmf"`
}

func (in *nvDiscreteIn) dist(c *check) (Discrete, bool) {
	in.validate(c)
	keys := make([]string, 0, len(in.DemandPMF))
	for k := range in.DemandPMF {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]float64, 0, len(keys))
	probs := make([]float64, 0, len(keys))
	n := c.v.Len()
	for _, k := range keys {
		x, err := strconv.ParseFloat(k, 64)
		switch {
		case err != nil || math.IsNaN(x) || math.IsInf(x, 0):
			c.add("demand_pmf."+k, "key must be a finite number, got %q", k)
		case x < 0:
			c.add("demand_pmf."+k, "demand must be >= 0, got %g", x)
		}
		vals = append(vals, x)
		probs = append(probs, in.DemandPMF[k])
	}
	if c.v.Len() != n {
		return Discrete{}, false
	}
	return checkPMF(c, "demand_pmf", "demand_pmf", vals, probs)
}

func newsvendorDiscrete(in *nvDiscreteIn) (*baseStockResult, error) {
	var c check
	d, _ := in.dist(&c)
	return nvOptimum(&c, d, &in.costParams)
}

type nvDiscreteCostIn struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	nvDiscreteIn
}

func newsvendorDiscreteCost(in *nvDiscreteCostIn) (*costResult, error) {
	var c check
	d, _ := in.dist(&c)
	return nvCostAt(&c, d, &in.costParams, in.BaseStockLevel)
}

type nvContinuousIn struct {
	costParams
	distSpec
	// LeadTime in periods: the demand is then that of LeadTime+1 periods,
	// supported for normal, poisson and gamma (sums stay in the family).
	LeadTime float64 `json:"lead_time,omitempty"`
}

func (in *nvContinuousIn) dist(c *check) Dist {
	in.validate(c)
	c.nonneg("lead_time", in.LeadTime)
	d := in.build(c)
	if d == nil || in.LeadTime == 0 {
		return d
	}
	k := in.LeadTime + 1
	switch t := d.(type) {
	case Normal:
		return NewNormal(k*t.Mu, math.Sqrt(k)*t.Sigma)
	case Poisson:
		return NewPoisson(k * t.Lambda)
	case Gamma:
		return Gamma{Shape: k * t.Shape, Scale: t.Scale}
	}
	c.add("lead_time", "must be 0 for a %s distribution (its multi-period sum has no closed form), got %g", in.Distribution, in.LeadTime)
	return nil
}

func newsvendorContinuous(in *nvContinuousIn) (*baseStockResult, error) {
	var c check
	d := in.dist(&c)
	return nvOptimum(&c, d, &in.costParams)
}

type nvContinuousCostIn struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	nvContinuousIn
}

func newsvendorContinuousCost(in *nvContinuousCostIn) (*costResult, error) {
	var c check
	d := in.dist(&c)
	return nvCostAt(&c, d, &in.costParams, in.BaseStockLevel)
}

// Explicit (price/cost/salvage) newsvendor: profit
// π(Q) = r·E[min(Q,D)] − c·Q + (v−h)·E[(Q−D)+] − p·E[(D−Q)+], maximised at
// F(Q) = (r−c+p)/(r−v+h+p).
type nvExplicitIn struct {
	Revenue      float64 `json:"revenue"`
	PurchaseCost float64 `json:"purchase_cost"`
	SalvageValue float64 `json:"salvage_value"`
	HoldingCost  float64 `json:"holding_cost,omitempty"`
	StockoutCost float64 `json:"stockout_cost,omitempty"`
}

func (in *nvExplicitIn) ratio(c *check) float64 {
	c.nonneg("revenue", in.Revenue)
	c.nonneg("purchase_cost", in.PurchaseCost)
	c.nonneg("salvage_value", in.SalvageValue)
	c.nonneg("holding_cost", in.HoldingCost)
	c.nonneg("stockout_cost", in.StockoutCost)
	over := in.PurchaseCost - in.SalvageValue + in.HoldingCost
	under := in.Revenue - in.PurchaseCost + in.StockoutCost
	if c.v.Len() == 0 {
		if over <= 0 {
			c.add("salvage_value", "must be below purchase_cost + holding_cost (%g), got %g", in.PurchaseCost+in.HoldingCost, in.SalvageValue)
		}
		if under <= 0 {
			c.add("purchase_cost", "must be below revenue + stockout_cost (%g), got %g", in.Revenue+in.StockoutCost, in.PurchaseCost)
		}
	}
	return under / (under + over)
}

func (in *nvExplicitIn) profit(d Dist, q float64) float64 {
	n, nbar := d.Loss(q), d.ComplLoss(q)
	return in.Revenue*(d.Mean()-n) - in.PurchaseCost*q + (in.SalvageValue-in.HoldingCost)*nbar - in.StockoutCost*n
}

type profitResult struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	Profit         float64 `json:"profit"`
	CriticalRatio  float64 `json:"critical_ratio"`
}

type nvExplicitNormalIn struct {
	nvExplicitIn
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_sd"`
}

func newsvendorNormalExplicit(in *nvExplicitNormalIn) (*profitResult, error) {
	var c check
	cr := in.ratio(&c)
	c.nonneg("demand_mean", in.DemandMean)
	c.positive("demand_sd", in.DemandSD)
	if err := c.err(); err != nil {
		return nil, err
	}
	d := NewNormal(in.DemandMean, in.DemandSD)
	q := d.Quantile(cr)
	return &profitResult{BaseStockLevel: q, Profit: in.profit(d, q), CriticalRatio: cr}, nil
}

type nvExplicitPoissonIn struct {
	nvExplicitIn
	DemandMean float64 `json:"demand_mean"`
}

type intProfitResult struct {
	BaseStockLevel int     `json:"base_stock_level"`
	Profit         float64 `json:"profit"`
	CriticalRatio  float64 `json:"critical_ratio"`
}

func newsvendorPoissonExplicit(in *nvExplicitPoissonIn) (*intProfitResult, error) {
	var c check
	cr := in.ratio(&c)
	c.nonneg("demand_mean", in.DemandMean)
	if err := c.err(); err != nil {
		return nil, err
	}
	d := NewPoisson(in.DemandMean)
	q := d.Quantile(cr)
	return &intProfitResult{BaseStockLevel: int(q), Profit: in.profit(d, q), CriticalRatio: cr}, nil
}

// Myopic base-stock policy for a period whose purchase cost c differs from
// the next period's c' (discount factor γ): minimise
// (c − γc')·S + γc'·μ + h·n̄(S) + p·n(S), so F(S) = (p − c + γc')/(h + p).
type myopicIn struct {
	costParams
	PurchaseCost        float64 `json:"purchase_cost"`
	PurchaseCostNextPer float64 `json:"purchase_cost_next_per"`
	DemandMean          float64 `json:"demand_mean"`
	DemandSD            float64 `json:"demand_sd"`
	DiscountFactor      float64 `json:"discount_factor"`
}

func myopic(in *myopicIn) (*baseStockResult, error) {
	var c check
	in.validate(&c)
	c.nonneg("purchase_cost", in.PurchaseCost)
	c.nonneg("purchase_cost_next_per", in.PurchaseCostNextPer)
	c.nonneg("demand_mean", in.DemandMean)
	c.positive("demand_sd", in.DemandSD)
	if c.finite("discount_factor", in.DiscountFactor) && !(in.DiscountFactor > 0 && in.DiscountFactor <= 1) {
		c.add("discount_factor", "must be in (0, 1], got %g", in.DiscountFactor)
	}
	gc := in.DiscountFactor * in.PurchaseCostNextPer
	cr := (in.StockoutCost - in.PurchaseCost + gc) / (in.HoldingCost + in.StockoutCost)
	if c.v.Len() == 0 && !(cr > 0 && cr < 1) {
		c.add("purchase_cost", "gives critical ratio (p − c + γc')/(h + p) = %g outside (0, 1)", cr)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	d := NewNormal(in.DemandMean, in.DemandSD)
	s := d.Quantile(cr)
	cost := (in.PurchaseCost-gc)*s + gc*in.DemandMean + newsvendorCost(d, in.HoldingCost, in.StockoutCost, s)
	return &baseStockResult{BaseStockLevel: s, Cost: cost, CriticalRatio: cr}, nil
}
