package stock

import (
	"errors"
	"fmt"
	"math"
)

// Periodic-review (s,S) policies: at the start of a period, if the
// inventory position is at or below s, order up to S; an order arrives L
// periods later (lead_time, 0 by default). Cost per period: K per order plus
// g(y) = h·E[(y−D_L)+] + p·E[(D_L−y)+] on the post-order position y, where
// D_L is the demand of L+1 periods: every order placed by now has arrived
// by the end of period t+L, so the net inventory then is y − D_L
// (backorders). The renewal terms below stay those of one period's demand.
//
// For integer demand the exact cost is (Zheng & Federgruen 1991)
// c(s,S) = [K + Σ_{j=0}^{S−s−1} m(j)·g(S−j)] / M(S−s), where m is the
// renewal mass function m(0) = 1/(1−p_0), m(j) = m(0)·Σ_{l=1}^{j} p_l·m(j−l),
// and M(n) = Σ_{j<n} m(j) is the expected number of periods in a cycle.

// ssModel evaluates c(s,S) for one per-period demand pmf; m and M grow on
// demand.
type ssModel struct {
	h, p, k float64
	d       Dist // one period's demand
	dl      Dist // the demand of lead time + 1 periods
	pmf     []float64
	m, M    []float64 // M[n] = Σ_{j<n} m(j)
	gcache  map[int]float64
}

func newSSModel(d Dist, h, p, k float64, lead int) *ssModel {
	return &ssModel{h: h, p: p, k: k, d: d, dl: periodsDemand(d, lead+1), M: []float64{0}, gcache: map[int]float64{}}
}

// periodsDemand is the demand of n independent periods of d: Poisson
// stays Poisson; a pmf on 0, 1, 2, ... is convolved.
func periodsDemand(d Dist, n int) Dist {
	if n == 1 {
		return d
	}
	if p, ok := d.(Poisson); ok {
		return NewPoisson(p.Lambda * float64(n))
	}
	one := make([]float64, int(d.Quantile(1))+1)
	for i := range one {
		one[i] = d.PDF(float64(i))
	}
	sum := []float64{1}
	for range n {
		next := make([]float64, len(sum)+len(one)-1)
		for i, a := range sum {
			if a == 0 {
				continue
			}
			for j, b := range one {
				next[i+j] += a * b
			}
		}
		sum = next
	}
	vals := make([]float64, len(sum))
	for i := range vals {
		vals[i] = float64(i)
	}
	return NewDiscrete(vals, sum)
}

func (m *ssModel) g(y int) float64 {
	if v, ok := m.gcache[y]; ok {
		return v
	}
	v := newsvendorCost(m.dl, m.h, m.p, float64(y))
	m.gcache[y] = v
	return v
}

func (m *ssModel) grow(n int) {
	for len(m.pmf) < n {
		m.pmf = append(m.pmf, m.d.PDF(float64(len(m.pmf))))
	}
	for j := len(m.m); j < n; j++ {
		if j == 0 {
			m.m = append(m.m, 1/(1-m.pmf[0]))
		} else {
			s := 0.0
			for l := 1; l <= j; l++ {
				s += m.pmf[l] * m.m[j-l]
			}
			m.m = append(m.m, m.m[0]*s)
		}
		m.M = append(m.M, m.M[j]+m.m[j])
	}
}

func (m *ssModel) cost(s, S int) float64 {
	n := S - s
	m.grow(n)
	c := m.k
	for j := range n {
		c += m.m[j] * m.g(S-j)
	}
	return c / m.M[n]
}

// optimize is the Zheng–Federgruen search: start at y* = argmin g, lower s
// until c(s, y*) <= g(s); then raise S while g(S) <= the incumbent cost,
// and on each improvement raise s while c(s, S) <= g(s+1).
func (m *ssModel) optimize() (s, S int, cost float64, err error) {
	ys := int(m.dl.Quantile(m.p / (m.p + m.h)))
	s = ys
	for {
		s--
		if ys-s > maxSSGap {
			return 0, 0, 0, errSSGap
		}
		if m.cost(s, ys) <= m.g(s) {
			break
		}
	}
	bs, bS := s, ys
	best := m.cost(bs, bS)
	for S = bS + 1; m.g(S) <= best; S++ {
		if S-bs > maxSSGap {
			return 0, 0, 0, errSSGap
		}
		if c := m.cost(bs, S); c < best {
			bS = S
			for m.cost(s, bS) <= m.g(s+1) {
				s++
			}
			bs = s
			best = m.cost(bs, bS)
		}
	}
	return bs, bS, best, nil
}

// maxSSGap bounds S − s: evaluating c(s,S) takes O((S−s)²) once.
const maxSSGap = 10000

var errSSGap = errors.New("stock: optimal S − s exceeds 10000 units; use s_s_power_approximation")

// maxSSLead bounds the lead time of the exact (s,S) functions, in periods.
const maxSSLead = 365

// maxSSMean bounds the per-period demand mean of the exact (s,S) search,
// whose cost grows with the square of S − s.
const maxSSMean = 2000

type ssDemand struct {
	// LeadTime is the order lead time in whole periods.
	LeadTime       int       `json:"lead_time,omitempty"`
	UsePoisson     bool      `json:"use_poisson"`
	DemandMean     float64   `json:"demand_mean,omitempty"`
	DemandMeanList []float64 `json:"demand_mean_list,omitempty"`
	// DemandPMF lists P(D = 0), P(D = 1), ... when use_poisson is false.
	DemandPMF []float64 `json:"demand_pmf,omitempty"`
}

// dists returns one demand distribution per instance and whether the input
// asked for a list.
func (in *ssDemand) dists(c *check) ([]Dist, bool) {
	if in.LeadTime < 0 || in.LeadTime > maxSSLead {
		c.add("lead_time", "must be a whole number of periods in [0, %d], got %d", maxSSLead, in.LeadTime)
	}
	switch {
	case in.UsePoisson && len(in.DemandMeanList) > 0:
		out := make([]Dist, len(in.DemandMeanList))
		for i, mu := range in.DemandMeanList {
			f := fmt.Sprintf("demand_mean_list[%d]", i)
			c.positive(f, mu)
			if mu > maxSSMean {
				c.add(f, "must be <= %d for the exact algorithm (use s_s_power_approximation), got %g", maxSSMean, mu)
			}
			out[i] = NewPoisson(mu)
		}
		return out, true
	case in.UsePoisson:
		c.positive("demand_mean", in.DemandMean)
		if in.DemandMean > maxSSMean {
			c.add("demand_mean", "must be <= %d for the exact algorithm (use s_s_power_approximation), got %g", maxSSMean, in.DemandMean)
		}
		return []Dist{NewPoisson(in.DemandMean)}, false
	default:
		vals := make([]float64, len(in.DemandPMF))
		for i := range vals {
			vals[i] = float64(i)
		}
		if len(in.DemandPMF) > 10*maxSSMean {
			c.add("demand_pmf", "must have at most %d entries, got %d", 10*maxSSMean, len(in.DemandPMF))
		}
		d, ok := checkPMF(c, "demand_pmf", "demand_pmf", vals, in.DemandPMF)
		if ok && d.PDF(0) >= 1 {
			c.add("demand_pmf", "must give positive probability to some demand > 0")
		}
		if n := (len(in.DemandPMF) - 1) * (in.LeadTime + 1); n > 10*maxSSMean {
			c.add("lead_time", "times the demand_pmf support must stay within %d units of lead-time demand, got %d", 10*maxSSMean, n)
		}
		return []Dist{d}, false
	}
}

type ssIn struct {
	costParams
	FixedCost float64 `json:"fixed_cost"`
	ssDemand
}

type ssResult struct {
	S1   int     `json:"s"`
	S2   int     `json:"S"`
	Cost float64 `json:"cost"`
}

type ssListResult struct {
	S1   []int     `json:"s"`
	S2   []int     `json:"S"`
	Cost []float64 `json:"cost"`
}

func sSDiscreteExact(in *ssIn) (any, error) {
	var c check
	in.validate(&c)
	c.positive("fixed_cost", in.FixedCost)
	ds, list := in.dists(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	var r ssListResult
	for _, d := range ds {
		s, S, cost, err := newSSModel(d, in.HoldingCost, in.StockoutCost, in.FixedCost, in.LeadTime).optimize()
		if err != nil {
			return nil, err
		}
		r.S1, r.S2, r.Cost = append(r.S1, s), append(r.S2, S), append(r.Cost, cost)
	}
	if list {
		return &r, nil
	}
	return &ssResult{S1: r.S1[0], S2: r.S2[0], Cost: r.Cost[0]}, nil
}

type ssCostIn struct {
	ReorderPoint   int `json:"reorder_point"`
	OrderUpToLevel int `json:"order_up_to_level"`
	costParams
	FixedCost float64 `json:"fixed_cost"`
	ssDemand
}

func sSCostDiscrete(in *ssCostIn) (*costResult, error) {
	var c check
	in.validate(&c)
	c.positive("fixed_cost", in.FixedCost)
	ds, list := in.dists(&c)
	if list {
		c.add("demand_mean_list", "is not accepted by s_s_cost_discrete; give demand_mean")
	}
	if in.OrderUpToLevel <= in.ReorderPoint || in.OrderUpToLevel-in.ReorderPoint > maxSSGap {
		c.add("order_up_to_level", "must exceed reorder_point (%d) by 1 to %d, got %d", in.ReorderPoint, maxSSGap, in.OrderUpToLevel)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return &costResult{Cost: newSSModel(ds[0], in.HoldingCost, in.StockoutCost, in.FixedCost, in.LeadTime).cost(in.ReorderPoint, in.OrderUpToLevel)}, nil
}

type ssPowerIn struct {
	costParams
	FixedCost  float64 `json:"fixed_cost"`
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_sd"`
	// LeadTime in periods; μ_L = μ(L+1), σ_L = σ√(L+1).
	LeadTime float64 `json:"lead_time,omitempty"`
}

type ssPowerResult struct {
	S1 float64 `json:"s"`
	S2 float64 `json:"S"`
}

// sSPowerApproximation is the revised power approximation of Ehrhardt &
// Mosier (1984): Q = 1.30·μ^0.494·(K/h)^0.506·(1+σ_L²/μ²)^0.116,
// z = √(Q·h/(σ_L·p)), s = 0.973·μ_L + σ_L·(0.183/z + 1.063 − 2.192z),
// S = s + Q. (Their rule capping s and S at the newsvendor level when
// Q/μ <= 1.5 is not applied, as in the reference.)
func sSPowerApproximation(in *ssPowerIn) (*ssPowerResult, error) {
	var c check
	in.validate(&c)
	c.positive("fixed_cost", in.FixedCost)
	c.positive("demand_mean", in.DemandMean)
	c.positive("demand_sd", in.DemandSD)
	c.nonneg("lead_time", in.LeadTime)
	if err := c.err(); err != nil {
		return nil, err
	}
	mu, sd := in.DemandMean, in.DemandSD
	muL := mu * (in.LeadTime + 1)
	sdL := sd * math.Sqrt(in.LeadTime+1)
	q := 1.30 * math.Pow(mu, 0.494) * math.Pow(in.FixedCost/in.HoldingCost, 0.506) * math.Pow(1+sdL*sdL/(mu*mu), 0.116)
	z := math.Sqrt(q / sdL * in.HoldingCost / in.StockoutCost)
	s := 0.973*muL + sdL*(0.183/z+1.063-2.192*z)
	return &ssPowerResult{S1: s, S2: s + q}, nil
}
