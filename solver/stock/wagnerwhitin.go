package stock

import "fmt"

// Wagner–Whitin dynamic lot sizing (Wagner & Whitin 1958): deterministic
// demand d_1..d_T, fixed cost K per order, holding cost h per unit carried
// from one period to the next, no backorders. Zero-inventory ordering holds,
// so an order in period s covers s..t−1 for some t, and the backward
// recursion F(s) = min_{t>s} [K·[d_s..d_{t−1} > 0] + h·Σ_{j=s}^{t−1} (j−s)·d_j
// + F(t)], F(T+1) = 0, is exact. O(T²).

type wagnerWhitinIn struct {
	NumPeriods  int       `json:"num_periods"`
	HoldingCost float64   `json:"holding_cost"`
	FixedCost   float64   `json:"fixed_cost"`
	Demand      []float64 `json:"demand"`
}

type wagnerWhitinResult struct {
	// OrderQuantities[t] is the order in period t = 1..T; element 0 is an
	// unused 0 so that periods index directly, as in the reference.
	OrderQuantities []float64 `json:"order_quantities"`
	Cost            float64   `json:"cost"`
	// NextOrderPeriods[s] is the next order period after an order in s in
	// the optimal plan from s on (T+1: none).
	NextOrderPeriods []int `json:"next_order_periods"`
}

func (in *wagnerWhitinIn) validate(c *check) {
	if in.NumPeriods <= 0 || in.NumPeriods > 20000 {
		c.add("num_periods", "must be in [1, 20000], got %d", in.NumPeriods)
	}
	if len(in.Demand) != in.NumPeriods {
		c.add("demand", "must have num_periods (%d) entries, got %d", in.NumPeriods, len(in.Demand))
	}
	c.nonneg("holding_cost", in.HoldingCost)
	c.nonneg("fixed_cost", in.FixedCost)
	c.nonnegAll("demand", in.Demand)
}

func wagnerWhitin(in *wagnerWhitinIn) (*wagnerWhitinResult, error) {
	var c check
	in.validate(&c)
	if err := c.err(); err != nil {
		return nil, err
	}
	T := in.NumPeriods
	d := in.Demand
	f := make([]float64, T+2)
	next := make([]int, T+2)
	next[T+1] = T + 1
	for s := T; s >= 1; s-- {
		f[s] = -1
		hold, total := 0.0, 0.0
		for t := s + 1; t <= T+1; t++ {
			j := t - 1 // period added to the order placed in s
			hold += in.HoldingCost * float64(j-s) * d[j-1]
			total += d[j-1]
			cost := hold + f[t]
			if total > 0 {
				cost += in.FixedCost
			}
			if f[s] < 0 || cost < f[s] {
				f[s], next[s] = cost, t
			}
		}
	}
	r := &wagnerWhitinResult{OrderQuantities: make([]float64, T+2), Cost: f[1], NextOrderPeriods: make([]int, T+1)}
	copy(r.NextOrderPeriods[1:], next[1:T+1])
	for s := 1; s <= T; s = next[s] {
		for j := s; j < next[s]; j++ {
			r.OrderQuantities[s] += d[j-1]
		}
	}
	r.OrderQuantities = r.OrderQuantities[:T+1]
	return r, nil
}

// wagnerWhitinPlanCost is the cost of ordering in the marked periods (each
// order covering demand up to the next mark), or an error if some demand
// comes before the first order. It shares nothing with the recursion and
// serves as its check.
func wagnerWhitinPlanCost(in *wagnerWhitinIn, order []bool) (float64, error) {
	cost, inv := 0.0, 0.0
	for t := 0; t < in.NumPeriods; t++ {
		if order[t] {
			q := 0.0
			for j := t; j < in.NumPeriods && (j == t || !order[j]); j++ {
				q += in.Demand[j]
			}
			if q > 0 {
				cost += in.FixedCost
			}
			inv += q
		}
		if inv+1e-9 < in.Demand[t] {
			return 0, fmt.Errorf("period %d: demand %g exceeds stock %g", t+1, in.Demand[t], inv)
		}
		inv -= in.Demand[t]
		cost += in.HoldingCost * inv
	}
	return cost, nil
}
