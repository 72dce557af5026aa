package stock

import (
	"errors"
	"fmt"
	"math"
)

// Continuous-review (r,Q) policies: order Q whenever the inventory position
// falls to r. Demand per unit time has mean λ and standard deviation τ;
// lead-time demand is N(λL, τ²L) (normal cases) or Poisson(λL). The
// inventory position is uniform on (r, r+Q], so the exact cost is
// g(r,Q) = [Kλ + ∫_r^{r+Q} g(y) dy]/Q with g the newsvendor cost
// (Snyder & Shen, eq. 5.7), computed here in closed form through the
// second-order loss functions: ∫_r^{r+Q} n = n2(r) − n2(r+Q) and
// ∫_r^{r+Q} n̄ = n̄2(r+Q) − n̄2(r), n̄2(x) = ((x−μ)²+σ²)/2 − n2(x).

type rqParams struct {
	costParams
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_sd"`
	LeadTime   float64 `json:"lead_time"`
}

func (in *rqParams) ltd(c *check) Normal {
	in.validate(c)
	c.nonneg("demand_mean", in.DemandMean)
	c.positive("demand_sd", in.DemandSD)
	c.positive("lead_time", in.LeadTime)
	return NewNormal(in.DemandMean*in.LeadTime, in.DemandSD*math.Sqrt(in.LeadTime))
}

type rqFixedParams struct {
	rqParams
	FixedCost float64 `json:"fixed_cost"`
}

func (in *rqFixedParams) ltdK(c *check) Normal {
	d := in.ltd(c)
	c.positive("fixed_cost", in.FixedCost)
	return d
}

// complSecondLoss is n̄2(x) = ∫_{−∞}^x n̄(t) dt.
func complSecondLoss(d Dist, x float64) float64 {
	sd := d.StdDev()
	return ((x-d.Mean())*(x-d.Mean())+sd*sd)/2 - d.SecondLoss(x)
}

// rqCost is the exact g(r,Q) for lead-time demand d.
func rqCost(d Dist, h, p, k, lambda, r, q float64) float64 {
	hold := complSecondLoss(d, r+q) - complSecondLoss(d, r)
	short := d.SecondLoss(r) - d.SecondLoss(r+q)
	return (k*lambda + h*hold + p*short) / q
}

type rqCostIn struct {
	ReorderPoint  float64 `json:"reorder_point"`
	OrderQuantity float64 `json:"order_quantity"`
	rqFixedParams
}

func rQCost(in *rqCostIn) (*costResult, error) {
	var c check
	d := in.ltdK(&c)
	c.finite("reorder_point", in.ReorderPoint)
	c.positive("order_quantity", in.OrderQuantity)
	if err := c.err(); err != nil {
		return nil, err
	}
	return &costResult{Cost: rqCost(d, in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean, in.ReorderPoint, in.OrderQuantity)}, nil
}

// optimalRForQ solves g(r) = g(r+Q) by bisection: g(r) − g(r+Q) decreases in
// r (g is convex) and changes sign on [S*−Q, S*], S* = argmin g.
func optimalRForQ(d Dist, h, p, q float64) float64 {
	s := d.Quantile(p / (p + h))
	lo, hi := s-q, s
	for range 200 {
		mid := (lo + hi) / 2
		if mid <= lo || mid >= hi {
			break
		}
		if newsvendorCost(d, h, p, mid) > newsvendorCost(d, h, p, mid+q) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

type rqRForQIn struct {
	OrderQuantity float64 `json:"order_quantity"`
	rqParams
}

type reorderPointResult struct {
	ReorderPoint float64 `json:"reorder_point"`
}

func rQOptimalRForQ(in *rqRForQIn) (*reorderPointResult, error) {
	var c check
	d := in.ltd(&c)
	c.positive("order_quantity", in.OrderQuantity)
	if err := c.err(); err != nil {
		return nil, err
	}
	return &reorderPointResult{ReorderPoint: optimalRForQ(d, in.HoldingCost, in.StockoutCost, in.OrderQuantity)}, nil
}

type rqResult struct {
	ReorderPoint  float64 `json:"reorder_point"`
	OrderQuantity float64 `json:"order_quantity"`
	// Cost is the approximation's own cost for EIL, else the exact g(r,Q).
	Cost      float64 `json:"cost"`
	ExactCost float64 `json:"exact_cost"`
}

var errNoConvergence = errors.New("stock: iteration did not converge")

// rQEILApproximation is the expected-inventory-level approximation
// (Hadley & Whitin 1963; Snyder & Shen Algorithm 5.1): alternate
// r = F⁻¹(1 − Qh/(pλ)) and Q = √(2λ(K + p·n(r))/h) from Q = EOQ.
func rQEILApproximation(in *rqFixedParams) (*rqResult, error) {
	var c check
	d := in.ltdK(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	h, p, k, l := in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean
	r, q, err := iterateRQ(math.Sqrt(2*k*l/h), func(q float64) (float64, float64, error) {
		a := 1 - q*h/(p*l)
		if !(a > 0) {
			return 0, 0, errors.New("stock: EIL approximation undefined: Q·h >= p·λ (stockout cost too low)")
		}
		r := d.Quantile(a)
		return r, math.Sqrt(2 * l * (k + p*d.Loss(r)) / h), nil
	})
	if err != nil {
		return nil, err
	}
	cost := h*(r-d.Mu+q/2) + k*l/q + p*l*d.Loss(r)/q
	return &rqResult{ReorderPoint: r, OrderQuantity: q, Cost: cost, ExactCost: rqCost(d, h, p, k, l, r, q)}, nil
}

// iterateRQ runs the fixed point (r, Q) = step(Q) from Q = q0 until both
// move by at most 1e-10 (relatively above 1), at most 10000 times.
func iterateRQ(q0 float64, step func(q float64) (r, q2 float64, err error)) (r, q float64, err error) {
	q = q0
	for range 10000 {
		r2, q2, err := step(q)
		if err != nil {
			return 0, 0, err
		}
		done := math.Abs(q2-q) <= 1e-10*math.Max(1, q) && math.Abs(r2-r) <= 1e-10*math.Max(1, math.Abs(r))
		r, q = r2, q2
		if done {
			return r, q, nil
		}
	}
	return 0, 0, errNoConvergence
}

// rqExact computes a policy by choose on the validated lead-time demand
// and reports its exact cost as Cost too.
func rqExact(in *rqFixedParams, choose func(d Normal, h, p, k, l float64) (r, q float64, err error)) (*rqResult, error) {
	var c check
	d := in.ltdK(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	h, p, k, l := in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean
	r, q, err := choose(d, h, p, k, l)
	if err != nil {
		return nil, err
	}
	g := rqCost(d, h, p, k, l, r, q)
	return &rqResult{ReorderPoint: r, OrderQuantity: q, Cost: g, ExactCost: g}, nil
}

// rQEOQBApproximation takes Q from the EOQ with backorders and r = r(Q)
// (Zheng 1992).
func rQEOQBApproximation(in *rqFixedParams) (*rqResult, error) {
	return rqExact(in, func(d Normal, h, p, k, l float64) (float64, float64, error) {
		q := math.Sqrt(2 * k * l * (h + p) / (h * p))
		return optimalRForQ(d, h, p, q), q, nil
	})
}

// rQEOQSSApproximation takes Q = EOQ and r = F⁻¹(p/(p+h)) (EOQ plus safety
// stock).
func rQEOQSSApproximation(in *rqFixedParams) (*rqResult, error) {
	return rqExact(in, func(d Normal, h, p, k, l float64) (float64, float64, error) {
		return d.Quantile(p / (p + h)), math.Sqrt(2 * k * l / h), nil
	})
}

// rQLossFunctionApproximation alternates n(r) = hQ/(h+p) and
// Q = √(2[Kλ + (h+p)·n2(r)]/h) (Hadley & Whitin; Snyder & Shen eqs.
// 5.28–5.29) from Q = EOQ.
func rQLossFunctionApproximation(in *rqFixedParams) (*rqResult, error) {
	return rqExact(in, func(d Normal, h, p, k, l float64) (float64, float64, error) {
		return iterateRQ(math.Sqrt(2*k*l/h), func(q float64) (float64, float64, error) {
			r := d.Mu + d.Sigma*stdLossInverse(h*q/((h+p)*d.Sigma))
			return r, math.Sqrt(2 * (k*l + (h+p)*d.SecondLoss(r)) / h), nil
		})
	})
}

// Poisson demand: integer r and Q, inventory position uniform on
// {r+1, ..., r+Q}, g(r,Q) = [Kλ + Σ_{y=r+1}^{r+Q} g(y)]/Q.
type rqPoissonParams struct {
	costParams
	FixedCost  float64 `json:"fixed_cost"`
	DemandMean float64 `json:"demand_mean"`
	LeadTime   float64 `json:"lead_time"`
}

func (in *rqPoissonParams) ltd(c *check) Poisson {
	in.validate(c)
	c.positive("fixed_cost", in.FixedCost)
	c.positive("demand_mean", in.DemandMean)
	c.nonneg("lead_time", in.LeadTime)
	if c.v.Len() == 0 && in.DemandMean*in.LeadTime > 1e6 {
		c.add("lead_time", "gives a lead-time demand mean of %g; Poisson (r,Q) is for slow movers (<= 1e6)", in.DemandMean*in.LeadTime)
	}
	return NewPoisson(in.DemandMean * in.LeadTime)
}

func rqPoissonCostOf(d Poisson, h, p, k, l float64, r, q int) float64 {
	s := k * l
	for y := r + 1; y <= r+q; y++ {
		s += newsvendorCost(d, h, p, float64(y))
	}
	return s / float64(q)
}

type intRQResult struct {
	ReorderPoint  int     `json:"reorder_point"`
	OrderQuantity int     `json:"order_quantity"`
	Cost          float64 `json:"cost"`
}

// maxRQQuantity bounds the exact Poisson search.
const maxRQQuantity = 100000

// rQPoissonExact is the algorithm of Federgruen & Zheng (1992): the optimal
// window {r+1..r+Q} of the convex g grows by its cheaper end as Q rises,
// and the average cost over Q is unimodal along that path, so the search
// stops at the first increase. O(Q*) evaluations of g.
func rQPoissonExact(in *rqPoissonParams) (*intRQResult, error) {
	var c check
	d := in.ltd(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	h, p, k, l := in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean
	g := func(y int) float64 { return newsvendorCost(d, h, p, float64(y)) }
	s := int(d.Quantile(p / (p + h)))
	r, q := s-1, 1
	sum := g(s)
	best := (k*l + sum) / 1
	for {
		if q >= maxRQQuantity {
			return nil, fmt.Errorf("stock: optimal order quantity exceeds %d units; use r_q_loss_function_approximation", maxRQQuantity)
		}
		lo, hi := g(r), g(r+q+1)
		nr, nsum := r, sum
		if lo < hi {
			nr--
			nsum += lo
		} else {
			nsum += hi
		}
		cost := (k*l + nsum) / float64(q+1)
		if cost > best {
			break
		}
		r, q, sum, best = nr, q+1, nsum, cost
	}
	return &intRQResult{ReorderPoint: r, OrderQuantity: q, Cost: best}, nil
}

type rqPoissonCostIn struct {
	ReorderPoint  int `json:"reorder_point"`
	OrderQuantity int `json:"order_quantity"`
	rqPoissonParams
}

func rQCostPoisson(in *rqPoissonCostIn) (*costResult, error) {
	var c check
	d := in.ltd(&c)
	if in.OrderQuantity <= 0 || in.OrderQuantity > maxRQQuantity {
		c.add("order_quantity", "must be in [1, %d], got %d", maxRQQuantity, in.OrderQuantity)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return &costResult{Cost: rqPoissonCostOf(d, in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean, in.ReorderPoint, in.OrderQuantity)}, nil
}
