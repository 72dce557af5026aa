package stock

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// ssStationaryCost evaluates an (s,S) policy by iterating the Markov chain
// of the post-order level y in (s, S] to its stationary distribution: it
// shares nothing with the renewal formula of ssModel.
func ssStationaryCost(d Dist, h, p, k float64, s, S int) float64 {
	n := S - s
	pmf := make([]float64, n+200)
	for j := range pmf {
		pmf[j] = d.PDF(float64(j))
	}
	pi := make([]float64, n) // pi[i]: level S − i
	pi[0] = 1
	next := make([]float64, n)
	order := 0.0
	for range 20000 {
		clear(next)
		order = 0
		for i, w := range pi {
			if w == 0 {
				continue
			}
			stay := 0.0
			for j := 0; i+j < n; j++ {
				next[i+j] += w * pmf[j]
				stay += pmf[j]
			}
			next[0] += w * (1 - stay)
			order += w * (1 - stay)
		}
		diff := 0.0
		for i := range pi {
			diff += math.Abs(next[i] - pi[i])
		}
		pi, next = next, pi
		if diff < 1e-14 {
			break
		}
	}
	c := k * order
	for i, w := range pi {
		c += w * newsvendorCost(d, h, p, float64(S-i))
	}
	return c
}

func TestSSExactAgainstEnumeration(t *testing.T) {
	cases := []struct {
		name    string
		d       Dist
		h, p, k float64
	}{
		{"poisson6", NewPoisson(6), 1, 4, 5},
		{"poisson10-K64", NewPoisson(10), 1, 9, 64},
		{"poisson2.5", NewPoisson(2.5), 0.5, 6, 12},
		{"histogram", NewDiscrete([]float64{0, 1, 2, 3, 4, 5}, []float64{0.1, 0.2, 0.3, 0.2, 0.15, 0.05}), 1, 10, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newSSModel(c.d, c.h, c.p, c.k, 0)
			s, S, cost, err := m.optimize()
			if err != nil {
				t.Fatal(err)
			}
			best, bs, bS := math.Inf(1), 0, 0
			for lo := -10; lo <= 40; lo++ {
				for hi := lo + 1; hi <= 80; hi++ {
					if v := m.cost(lo, hi); v < best-1e-12 {
						best, bs, bS = v, lo, hi
					}
				}
			}
			if math.Abs(best-cost) > 1e-9*best {
				t.Errorf("Zheng-Federgruen (%d,%d) cost %.12g; enumeration (%d,%d) cost %.12g", s, S, cost, bs, bS, best)
			}
			if chk := ssStationaryCost(c.d, c.h, c.p, c.k, s, S); math.Abs(chk-cost) > 1e-7*cost {
				t.Errorf("renewal cost %.12g, stationary-chain cost %.12g", cost, chk)
			}
		})
	}
}

func TestRQPoissonExactAgainstEnumeration(t *testing.T) {
	cases := []rqPoissonParams{
		{costParams: costParams{HoldingCost: 20, StockoutCost: 150}, FixedCost: 100, DemandMean: 1.5, LeadTime: 2},
		{costParams: costParams{HoldingCost: 1, StockoutCost: 20}, FixedCost: 30, DemandMean: 4, LeadTime: 1.5},
		{costParams: costParams{HoldingCost: 2, StockoutCost: 5}, FixedCost: 2, DemandMean: 10, LeadTime: 0.5},
	}
	for i, in := range cases {
		r, err := rQPoissonExact(&in)
		if err != nil {
			t.Fatal(err)
		}
		d := NewPoisson(in.DemandMean * in.LeadTime)
		best := math.Inf(1)
		for rr := -10; rr <= 40; rr++ {
			for q := 1; q <= 60; q++ {
				best = math.Min(best, rqPoissonCostOf(d, in.HoldingCost, in.StockoutCost, in.FixedCost, in.DemandMean, rr, q))
			}
		}
		if math.Abs(best-r.Cost) > 1e-9*best {
			t.Errorf("case %d: Federgruen-Zheng (%d,%d) cost %.12g, enumeration %.12g", i, r.ReorderPoint, r.OrderQuantity, r.Cost, best)
		}
	}
}

// The exact (r,Q) cost in closed form agrees with a numerical integral of
// the newsvendor cost, and r(Q) balances g(r) = g(r+Q).
func TestRQCostAndOptimalR(t *testing.T) {
	d := NewNormal(1300.0/12, 150/math.Sqrt(12))
	h, p, k, l := 0.225, 7.5, 8.0, 1300.0
	r, q := 126.8, 328.5
	n := 200000
	step := q / float64(n)
	integral := 0.0
	for i := range n {
		y := r + (float64(i)+0.5)*step
		integral += newsvendorCost(d, h, p, y) * step
	}
	want := (k*l + integral) / q
	if got := rqCost(d, h, p, k, l, r, q); math.Abs(got-want) > 1e-8*want {
		t.Errorf("closed form %.12g, midpoint integral %.12g", got, want)
	}
	rr := optimalRForQ(d, h, p, 318)
	if g0, g1 := newsvendorCost(d, h, p, rr), newsvendorCost(d, h, p, rr+318); math.Abs(g0-g1) > 1e-9 {
		t.Errorf("g(r) = %.12g, g(r+Q) = %.12g", g0, g1)
	}
	// The loss-function solution is a stationary point of the exact cost.
	in := &rqFixedParams{rqParams: rqParams{costParams: costParams{HoldingCost: h, StockoutCost: p}, DemandMean: l, DemandSD: 150, LeadTime: 1.0 / 12}, FixedCost: k}
	res, err := rQLossFunctionApproximation(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, dr := range []float64{-1, 1} {
		for _, dq := range []float64{-1, 0, 1} {
			if c := rqCost(d, h, p, k, l, res.ReorderPoint+dr, res.OrderQuantity+dq); c < res.Cost-1e-9 {
				t.Errorf("cost %.12g at (%+g,%+g) beats the loss-function solution %.12g", c, dr, dq, res.Cost)
			}
		}
	}
}

func TestWagnerWhitinAgainstEnumeration(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 40 {
		T := 1 + trial%8
		in := &wagnerWhitinIn{NumPeriods: T, HoldingCost: 0.5 + 3*rng.Float64(), FixedCost: 50 + 500*rng.Float64(), Demand: make([]float64, T)}
		for i := range in.Demand {
			if rng.Float64() < 0.8 {
				in.Demand[i] = float64(rng.IntN(200))
			}
		}
		r, err := wagnerWhitin(in)
		if err != nil {
			t.Fatal(err)
		}
		best := math.Inf(1)
		order := make([]bool, T)
		for mask := range 1 << T {
			for i := range T {
				order[i] = mask&(1<<i) != 0
			}
			if c, err := wagnerWhitinPlanCost(in, order); err == nil {
				best = math.Min(best, c)
			}
		}
		plan := make([]bool, T)
		for i := range T {
			plan[i] = r.OrderQuantities[i+1] > 0
		}
		got, err := wagnerWhitinPlanCost(in, plan)
		if err != nil || math.Abs(got-r.Cost) > 1e-9 || math.Abs(best-r.Cost) > 1e-9 {
			t.Errorf("trial %d: DP cost %g, its plan costs %g (%v), enumeration %g", trial, r.Cost, got, err, best)
		}
	}
}

func TestGSMAgainstEnumeration(t *testing.T) {
	// supplier 1 → warehouse 2 → pickup points 3, 4; and an assembly 5 → 2.
	in := &gsmTreeIn{Nodes: []gsmNode{
		{Index: 1, Succ: []int{2}, H: 1, T: 2, Z: 1.64, SIExt: 1},
		{Index: 5, Succ: []int{2}, H: 0.5, T: 3, Z: 1.64},
		{Index: 2, H: 2, T: 1, Z: 1.64},
		{Index: 3, Pred: []int{2}, H: 4, T: 1, Z: 2, DemandSD: 3, SExt: 0},
		{Index: 4, Pred: []int{2}, H: 3, T: 2, Z: 2, DemandSD: 5, SExt: 1},
	}}
	m, err := gsmCompile(in)
	if err != nil {
		t.Fatal(err)
	}
	S, SI, cost, err := m.solve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if chk, err := m.check(S, SI); err != nil || math.Abs(chk-cost) > 1e-9 {
		t.Fatalf("solution fails check: %v (%g vs %g)", err, chk, cost)
	}
	// Enumerate outbound times; for fixed S the cheapest feasible inbound
	// time is max(predecessors' S, SI_ext, S_k − T_k), cost rising in SI.
	best := math.Inf(1)
	n := m.n
	s := make([]int, n)
	si := make([]int, n)
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			for j := range n {
				si[j] = max(s[j]-m.t[j], 0)
				if len(m.pred[j]) == 0 {
					si[j] = max(si[j], m.siExt[j])
				}
				for _, i := range m.pred[j] {
					si[j] = max(si[j], s[i])
				}
			}
			if c, err := m.check(s, si); err == nil && c < best {
				best = c
			}
			return
		}
		for a := 0; a <= 8; a++ {
			s[k] = a
			rec(k + 1)
		}
	}
	rec(0)
	if math.Abs(best-cost) > 1e-9 {
		t.Errorf("DP cost %.12g, enumeration %.12g", cost, best)
	}
}

func TestNewsvendorDiscreteAgainstEnumeration(t *testing.T) {
	vals := []float64{0, 2, 3, 5, 8, 13}
	probs := []float64{0.1, 0.25, 0.2, 0.2, 0.15, 0.1}
	d := NewDiscrete(vals, probs)
	for _, hp := range [][2]float64{{1, 1}, {1, 9}, {4, 1}, {0.5, 30}} {
		s := d.Quantile(hp[1] / (hp[0] + hp[1]))
		best, arg := math.Inf(1), 0.0
		for y := -1.0; y <= 15; y += 0.5 {
			c := 0.0
			for i, v := range vals {
				c += probs[i] * (hp[0]*math.Max(y-v, 0) + hp[1]*math.Max(v-y, 0))
			}
			if c < best-1e-12 {
				best, arg = c, y
			}
		}
		if got := newsvendorCost(d, hp[0], hp[1], s); math.Abs(got-best) > 1e-12 {
			t.Errorf("h=%g p=%g: critical-ratio level %g costs %g, enumeration %g at %g", hp[0], hp[1], s, got, best, arg)
		}
	}
}

// Loss functions against direct summation or integration.
func TestLossFunctions(t *testing.T) {
	dists := []Dist{NewNormal(10, 3), NewPoisson(4.5), Gamma{Shape: 2, Scale: 3}, LogNormal{Mu: 1, Sigma: 0.5},
		NegBinomialFromMoments(6, 4), NewEmpirical([]float64{1, 4, 4, 9, 12})}
	for _, d := range dists {
		for _, x := range []float64{-1, 0, 2.5, 7, 15} {
			// n(x) = ∫_x^∞ (1 − F(t)) dt; n2(x) = ∫_x^∞ n(t) dt.
			n, n2 := 0.0, 0.0
			const step = 0.01
			for i := range 12000 {
				n += (1 - d.CDF(x+(float64(i)+0.5)*step)) * step
			}
			for i := range 6000 {
				n2 += d.Loss(x+(float64(i)+0.5)*0.02) * 0.02
			}
			if got := d.Loss(x); math.Abs(got-n) > 2e-4*math.Max(1, n) {
				t.Errorf("%T Loss(%g) = %g, integral %g", d, x, got, n)
			}
			if got := d.ComplLoss(x) - d.Loss(x); math.Abs(got-(x-d.Mean())) > 1e-9*math.Max(1, math.Abs(x)) {
				t.Errorf("%T n̄(%g) − n(%g) = %g, want x − mean = %g", d, x, x, got, x-d.Mean())
			}
			if got := d.SecondLoss(x); math.Abs(got-n2) > 1e-3*math.Max(1, n2) {
				t.Errorf("%T SecondLoss(%g) = %g, integral %g", d, x, got, n2)
			}
		}
		for _, p := range []float64{0.05, 0.5, 0.9, 0.99} {
			q := d.Quantile(p)
			if d.CDF(q) < p-1e-9 {
				t.Errorf("%T: CDF(Quantile(%g)) = %g < p", d, p, d.CDF(q))
			}
		}
	}
	if k := stdLossInverse(0.125); math.Abs(stdLoss(k)-0.125) > 1e-14 {
		t.Errorf("L(L⁻¹(0.125)) = %g", stdLoss(k))
	}
}

// simulateSS runs an (s,S) policy with lead time lead for periods periods
// of demand drawn from d (support 0, 1, ..., as its pmf) and returns the
// average cost per period: K per order, h per unit on hand and p per unit
// backordered at each period's end. It tracks the pipeline of orders
// explicitly and so shares nothing with the lead-time demand of ssModel.
func simulateSS(r *rand.Rand, d Dist, h, p, k float64, s, S, lead, periods int) float64 {
	var cum []float64
	for x, acc := 0, 0.0; acc < 1-1e-12 && x < 10000; x++ {
		acc += d.PDF(float64(x))
		cum = append(cum, acc)
	}
	draw := func() int {
		u := r.Float64()
		for x, c := range cum {
			if u <= c {
				return x
			}
		}
		return len(cum) - 1
	}
	net, pos := S, S            // net inventory, inventory position
	pipe := make([]int, lead+1) // pipe[i]: arriving i periods from now
	total := 0.0
	for t := range periods {
		if pos <= s {
			q := S - pos
			pos += q
			pipe[lead] += q
			total += k
		}
		net += pipe[0] // arrivals of this period
		copy(pipe, pipe[1:])
		pipe[lead] = 0
		dem := draw()
		net -= dem
		pos -= dem
		if t < periods/10 {
			total = 0 // warm-up
			continue
		}
		if net >= 0 {
			total += h * float64(net)
		} else {
			total -= p * float64(net)
		}
	}
	return total / float64(periods-periods/10)
}

// TestSSLeadTimeAgainstSimulation checks the lead-time (s,S) cost against a
// simulation with an explicit pipeline, and that the optimum with lead
// time beats its neighbours and the zero-lead-time policy.
func TestSSLeadTimeAgainstSimulation(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	hist := NewDiscrete([]float64{0, 1, 2, 3, 4, 5}, []float64{0.1, 0.2, 0.3, 0.2, 0.15, 0.05})
	for _, c := range []struct {
		name    string
		d       Dist
		h, p, k float64
		lead    int
	}{
		{"poisson3-L1", NewPoisson(3), 1, 9, 10, 1},
		{"poisson2-L3", NewPoisson(2), 1, 4, 6, 3},
		{"histogram-L2", hist, 1, 10, 8, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newSSModel(c.d, c.h, c.p, c.k, c.lead)
			s, S, cost, err := m.optimize()
			if err != nil {
				t.Fatal(err)
			}
			sim := simulateSS(r, c.d, c.h, c.p, c.k, s, S, c.lead, 2_000_000)
			if math.Abs(sim-cost) > 0.01*cost {
				t.Errorf("(%d,%d): model cost %.4f, simulated %.4f", s, S, cost, sim)
			}
			for _, nb := range [][2]int{{s - 1, S}, {s + 1, S}, {s, S - 1}, {s, S + 1}} {
				if nb[1] > nb[0] && m.cost(nb[0], nb[1]) < cost-1e-12 {
					t.Errorf("(%d,%d) costs %.6f, below the optimum (%d,%d) %.6f", nb[0], nb[1], m.cost(nb[0], nb[1]), s, S, cost)
				}
			}
			s0, S0, _, _ := newSSModel(c.d, c.h, c.p, c.k, 0).optimize()
			if z := m.cost(s0, S0); z <= cost {
				t.Errorf("the zero-lead-time policy (%d,%d) costs %.4f with lead time, no more than the optimum %.4f", s0, S0, z, cost)
			}
		})
	}
}
