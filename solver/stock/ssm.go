package stock

import (
	"context"
	"math"
	"strconv"
	"strings"

	"fulfil/solver"
)

// Stochastic-service model of a serial system (Clark & Scarf 1960; the
// recursion of Chen & Zheng 1994). Stage 1 faces demand; stage j has
// echelon holding cost h_j and lead time L_j; backorders at stage 1 cost p.
// With D_j the demand over L_j, C̄_0(x) = (p + Σh)·x⁻ and for j = 1..N
//
//	Ĉ_j(x) = h_j·x + C̄_{j−1}(x),  C_j(y) = E[Ĉ_j(y − D_j)],
//	S*_j = argmin C_j,  C̄_j(x) = C_j(min(S*_j, x)),
//
// the echelon base-stock levels S*_j are optimal and C_N(S*_N) is the
// optimal expected cost per period.
//
// The functions live on a truncated grid of inventory levels x, from the
// low end minus the high end of total lead-time demand up to its high end:
// integers for Poisson demand, x_num intervals for normal demand, whose
// stage lead-time demand is discretised into d_num intervals of mass
// F(d+δ/2) − F(d−δ/2), the tails beyond the truncation points folded into
// the end points. Below the grid Ĉ_j takes its exact linear asymptote
// −(p+Σh)(x − μΣ_{k<j}L_k) + Σ_{i<=j} h_i(x − μΣ_{k=i}^{j−1}L_k). The
// default tail probabilities (1−Φ(4) for stage lead-time demand and the
// low end of the total, 1−Φ(8) for its high end) and the grid follow the
// stockpyl reference (Snyder & Shen), so its results are reproduced; give
// smaller tails for more accuracy (1e-12 makes the Poisson case exact to
// about 1e-10).

type ssmSerialIn struct {
	NumNodes           int       `json:"num_nodes"`
	EchelonHoldingCost []float64 `json:"echelon_holding_cost"` // node 1 (downstream) first
	LeadTime           []float64 `json:"lead_time"`
	StockoutCost       float64   `json:"stockout_cost"`
	// Demand is "poisson" or "normal" (any case).
	Demand     string  `json:"demand"`
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_standard_deviation,omitempty"`
	XNum       int     `json:"x_num,omitempty"` // grid intervals for normal demand; 0: 1000
	DNum       int     `json:"d_num,omitempty"` // demand intervals for normal demand; 0: 100
	// Tail probabilities dropped by the truncation; 0 takes the default.
	LTDLowerTailProb    float64 `json:"ltd_lower_tail_prob,omitempty"`
	LTDUpperTailProb    float64 `json:"ltd_upper_tail_prob,omitempty"`
	SumLTDLowerTailProb float64 `json:"sum_ltd_lower_tail_prob,omitempty"`
	SumLTDUpperTailProb float64 `json:"sum_ltd_upper_tail_prob,omitempty"`
	// Notes, not read: the list order (always node 1 first) and a
	// description of the tails.
	NodeOrder string `json:"node_order,omitempty"`
	TailProbs string `json:"tail_probs,omitempty"`
}

type ssmResult struct {
	EchelonS map[string]float64 `json:"echelon_S"`
	LocalS   map[string]float64 `json:"local_S"`
	Cost     float64            `json:"cost"`
}

func ssmSerial(ctx context.Context, in *ssmSerialIn) (*ssmResult, error) {
	var c check
	n := in.NumNodes
	if n < 1 || n > 100 {
		c.add("num_nodes", "must be in [1, 100], got %d", n)
	}
	if len(in.EchelonHoldingCost) != n {
		c.add("echelon_holding_cost", "must have num_nodes (%d) entries, got %d", n, len(in.EchelonHoldingCost))
	}
	if len(in.LeadTime) != n {
		c.add("lead_time", "must have num_nodes (%d) entries, got %d", n, len(in.LeadTime))
	}
	c.nonnegAll("echelon_holding_cost", in.EchelonHoldingCost)
	c.nonnegAll("lead_time", in.LeadTime)
	c.positive("stockout_cost", in.StockoutCost)
	c.positive("demand_mean", in.DemandMean)
	kind := strings.ToLower(in.Demand)
	switch kind {
	case "poisson":
	case "normal":
		c.positive("demand_standard_deviation", in.DemandSD)
	default:
		c.add("demand", "must be \"poisson\" or \"normal\", got %q", in.Demand)
	}
	if in.XNum < 0 || in.XNum > 100000 {
		c.add("x_num", "must be in [0, 100000], got %d", in.XNum)
	}
	if in.DNum < 0 || in.DNum > 10000 {
		c.add("d_num", "must be in [0, 10000], got %d", in.DNum)
	}
	if w := float64(max(in.XNum, 1000)) * float64(max(in.DNum, 100)) * float64(n); c.v.Len() == 0 && w > 5e7 {
		c.add("x_num", "times d_num and num_nodes must be <= 5e7, got %g", w)
	}
	tails := []*float64{&in.LTDLowerTailProb, &in.LTDUpperTailProb, &in.SumLTDLowerTailProb, &in.SumLTDUpperTailProb}
	for i, name := range []string{"ltd_lower_tail_prob", "ltd_upper_tail_prob", "sum_ltd_lower_tail_prob", "sum_ltd_upper_tail_prob"} {
		if *tails[i] != 0 {
			c.open01(name, *tails[i])
		}
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	t4, t8 := 1-stdCDF(4), 1-stdCDF(8)
	tail := func(v, def float64) float64 {
		if v == 0 {
			return def
		}
		return v
	}
	ltdLo, ltdHi := tail(in.LTDLowerTailProb, t4), tail(in.LTDUpperTailProb, t4)
	sumLo, sumHi := tail(in.SumLTDLowerTailProb, t4), tail(in.SumLTDUpperTailProb, t8)
	xNum, dNum := in.XNum, in.DNum
	if xNum == 0 {
		xNum = 1000
	}
	if dNum == 0 {
		dNum = 100
	}
	h := append([]float64{0}, in.EchelonHoldingCost...)
	L := append([]float64{0}, in.LeadTime...)
	mu := in.DemandMean
	discrete := kind == "poisson"
	ltd := func(l float64) Dist {
		if discrete {
			return NewPoisson(mu * l)
		}
		return NewNormal(mu*l, in.DemandSD*math.Sqrt(l))
	}
	sumL, sumH := 0.0, 0.0
	for j := 1; j <= n; j++ {
		sumL += L[j]
		sumH += h[j]
	}
	if discrete && mu*sumL > 2e4 {
		return nil, solver.Errorf("demand_mean", "gives a total lead-time demand of %g; the integer grid supports at most 2e4", mu*sumL)
	}
	if sumL == 0 && !discrete {
		return nil, solver.Errorf("lead_time", "must have a positive total for normal demand")
	}
	// Grid of inventory levels.
	sd := ltd(sumL)
	var x []float64
	// x runs from (low end − high end) to the high end of total lead-time
	// demand: every echelon level and shortfall of interest lies inside.
	if discrete {
		hi := sd.Quantile(1 - sumHi)
		lo := -1 - hi // the support starts at 0; one below it, as the reference
		for v := lo; v <= hi; v++ {
			x = append(x, v)
		}
	} else {
		hi := sd.Quantile(1 - sumHi)
		lo := sd.Quantile(sumLo) - hi
		dx := (hi - lo) / float64(xNum)
		for i := 0; i <= xNum; i++ {
			x = append(x, lo+float64(i)*dx)
		}
	}
	nx := len(x)
	dx := 1.0
	if nx > 1 {
		dx = x[1] - x[0]
	}
	nearest := func(v float64) int {
		i := int(math.Round((v - x[0]) / dx))
		return min(max(i, 0), nx-1)
	}
	cbar := make([]float64, nx) // C̄_{j−1}
	for i, v := range x {
		cbar[i] = (in.StockoutCost + sumH) * math.Max(-v, 0)
	}
	chat := make([]float64, nx)
	cj := make([]float64, nx)
	S := make([]float64, n+1)
	var cost, prevMin float64
	for j := 1; j <= n; j++ {
		for i, v := range x {
			chat[i] = h[j]*v + cbar[i]
		}
		// Linear asymptote of Ĉ_j below the grid.
		a0, a1 := 0.0, -(in.StockoutCost + sumH)
		cum := 0.0 // μ Σ_{k<j} L_k
		for k := 1; k < j; k++ {
			cum += mu * L[k]
		}
		a0 += (in.StockoutCost + sumH) * cum
		for i := 1; i <= j; i++ {
			a1 += h[i]
			s := 0.0
			for k := i; k < j; k++ {
				s += mu * L[k]
			}
			a0 -= h[i] * s
		}
		// Discretised lead-time demand of stage j.
		// The tails beyond the truncation points are folded into the end
		// points, so no probability is lost.
		var dv, fd []float64
		dj := ltd(L[j])
		if L[j] == 0 {
			dv, fd = []float64{0}, []float64{1}
		} else {
			lo, hi, dd, num := 0.0, dj.Quantile(1-ltdHi), 1.0, 0
			if discrete {
				num = int(hi)
			} else {
				lo = math.Max(0, dj.Quantile(ltdLo))
				hi = math.Max(hi, lo)
				dd, num = (hi-lo)/float64(dNum), dNum
			}
			for k := 0; k <= num; k++ {
				v := lo + float64(k)*dd
				up, down := 1.0, 0.0
				if k < num {
					up = dj.CDF(v + dd/2)
				}
				if k > 0 {
					down = dj.CDF(v - dd/2)
				}
				if up > down {
					dv = append(dv, v)
					fd = append(fd, up-down)
				}
			}
		}
		best := 0
		for i, y := range x {
			if i%256 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			s := 0.0
			for k, d := range dv {
				v := y - d
				var cv float64
				switch {
				case v < x[0]:
					// Asymptote, at the nearest point of the grid's extension.
					cv = a0 + a1*(x[0]+math.Round((v-x[0])/dx)*dx)
				case v > x[nx-1]+dx/2:
					cv = h[j]*v + prevMin
				default:
					cv = chat[nearest(v)]
				}
				s += fd[k] * cv
			}
			cj[i] = s
			if s < cj[best] {
				best = i
			}
		}
		S[j] = x[best]
		cost = cj[best]
		prevMin = cost
		for i := range x {
			cbar[i] = cj[min(i, best)]
		}
	}
	r := &ssmResult{EchelonS: map[string]float64{}, LocalS: map[string]float64{}, Cost: cost}
	for j := 1; j <= n; j++ {
		id := strconv.Itoa(j)
		r.EchelonS[id] = S[j]
		r.LocalS[id] = S[j] - S[j-1]
	}
	return r, nil
}
