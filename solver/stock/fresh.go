package stock

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"time"

	"fulfil/solver"
)

// Fresh produce. Single period (one selling day, leftovers salvaged): with
// price r, unit cost c, salvage value v and goodwill cost g per unit short,
// the order Q maximises r·E[min(Q,D)] − c·Q + v·E[(Q−D)+] − g·E[(D−Q)+],
// so F(Q) = (r−c+g)/((r−c+g)+(c−v)).
//
// Several days of shelf life: no closed form exists, so freshBaseStock
// evaluates an order-up-to level S by simulation. Each morning the order
// S − (on hand + on order) is placed (rounded up to case packs) and arrives
// after lead_time_days; arriving units have shelf_life_days of life; demand
// is served oldest first (FEFO) and lost when short; at the end of the day
// units reaching the end of their life are salvaged as waste and the rest
// pays holding cost. All levels are simulated on the same demand sample
// (common random numbers, fixed seed), so their comparison is not blurred
// by sampling noise, and the result repeats exactly for a given seed.

type newsvendorFreshIn struct {
	Price      float64 `json:"price"`
	Cost       float64 `json:"cost"`
	Salvage    float64 `json:"salvage"`
	Goodwill   float64 `json:"goodwill,omitempty"`
	DemandMean float64 `json:"demand_mean"`
	DemandSD   float64 `json:"demand_sd"`
}

type freshEconomics struct {
	Price       float64 `json:"price"`
	Cost        float64 `json:"cost"`
	Salvage     float64 `json:"salvage"`
	Goodwill    float64 `json:"goodwill,omitempty"`
	HoldingCost float64 `json:"holding_cost,omitempty"` // per unit on hand at the end of a day
}

func freshRatio(c *check, price, cost, salvage, goodwill float64) float64 {
	c.nonneg("price", price)
	c.nonneg("cost", cost)
	c.nonneg("salvage", salvage)
	c.nonneg("goodwill", goodwill)
	under := price - cost + goodwill
	over := cost - salvage
	if c.v.Len() == 0 {
		if over <= 0 {
			c.add("salvage", "must be below cost (%g), got %g", cost, salvage)
		}
		if under <= 0 {
			c.add("cost", "must be below price + goodwill (%g), got %g", price+goodwill, cost)
		}
	}
	return under / (under + over)
}

type newsvendorFreshResult struct {
	CriticalRatio    float64 `json:"critical_ratio"`
	OrderQty         float64 `json:"order_qty"`
	ExpectedLeftover float64 `json:"expected_leftover"`
	ExpectedShortage float64 `json:"expected_shortage"`
	ExpectedSales    float64 `json:"expected_sales"`
	ExpectedProfit   float64 `json:"expected_profit"`
	FillRate         float64 `json:"fill_rate"`
}

func newsvendorFresh(in *newsvendorFreshIn) (*newsvendorFreshResult, error) {
	var c check
	cr := freshRatio(&c, in.Price, in.Cost, in.Salvage, in.Goodwill)
	c.nonneg("demand_mean", in.DemandMean)
	c.positive("demand_sd", in.DemandSD)
	if err := c.err(); err != nil {
		return nil, err
	}
	d := NewNormal(in.DemandMean, in.DemandSD)
	q := d.Quantile(cr)
	short, left := d.Loss(q), d.ComplLoss(q)
	sales := in.DemandMean - short
	r := &newsvendorFreshResult{
		CriticalRatio: cr, OrderQty: q, ExpectedLeftover: left, ExpectedShortage: short, ExpectedSales: sales,
		ExpectedProfit: in.Price*sales - in.Cost*q + in.Salvage*left - in.Goodwill*short,
		FillRate:       1,
	}
	if in.DemandMean > 0 {
		r.FillRate = sales / in.DemandMean
	}
	return r, nil
}

type freshBaseStockIn struct {
	freshEconomics
	distSpec
	ShelfLifeDays int     `json:"shelf_life_days"`
	LeadTimeDays  int     `json:"lead_time_days,omitempty"`
	CasePack      float64 `json:"case_pack,omitempty"`
	// BaseStockLevel, when given, is evaluated instead of optimised.
	BaseStockLevel *float64 `json:"base_stock_level,omitempty"`
	Days           int      `json:"days,omitempty"` // simulated days after warm-up; 0: 20000
	Seed           uint64   `json:"seed,omitempty"`
}

type freshBaseStockResult struct {
	BaseStockLevel float64 `json:"base_stock_level"`
	ProfitPerDay   float64 `json:"profit_per_day"`
	FillRate       float64 `json:"fill_rate"`
	SalesPerDay    float64 `json:"sales_per_day"`
	LostPerDay     float64 `json:"lost_sales_per_day"`
	WastePerDay    float64 `json:"waste_per_day"`
	WasteFraction  float64 `json:"waste_fraction"` // wasted / received
	OrderedPerDay  float64 `json:"ordered_per_day"`
	OnHandPerDay   float64 `json:"on_hand_end_of_day"`
	// NewsvendorLevel is the level that ignores ageing, d over L+1 days at
	// the fresh critical ratio, for comparison.
	NewsvendorLevel float64      `json:"newsvendor_level"`
	Evaluated       int          `json:"levels_evaluated"`
	Stats           solver.Stats `json:"stats"`
}

// freshSim holds the demand sample and the workspace of one simulation.
type freshSim struct {
	econ     freshEconomics
	life, lt int
	pack     float64
	warmup   int
	demand   []float64
	stock    []float64 // stock[a]: units with a+1 days of life left
	pipe     []float64 // pipe[t % (lt+1)]: arriving on day t
}

type freshStats struct {
	profit, sales, lost, waste, ordered, received, onhand, demand float64
}

func (s *freshSim) run(level float64) freshStats {
	clear(s.stock)
	clear(s.pipe)
	var st freshStats
	n := len(s.pipe)
	for t, dem := range s.demand {
		// Order up to the level on the inventory position.
		ip := 0.0
		for _, x := range s.stock {
			ip += x
		}
		for _, x := range s.pipe {
			ip += x
		}
		q := roundOrder(level-ip, s.pack, 0)
		s.pipe[(t+s.lt)%n] += q
		// Receive.
		recv := s.pipe[t%n]
		s.pipe[t%n] = 0
		s.stock[s.life-1] += recv
		// Serve FEFO.
		left := dem
		for a := 0; a < s.life && left > 0; a++ {
			u := math.Min(left, s.stock[a])
			s.stock[a] -= u
			left -= u
		}
		sold := dem - left
		waste := s.stock[0]
		copy(s.stock, s.stock[1:])
		s.stock[s.life-1] = 0
		on := 0.0
		for _, x := range s.stock {
			on += x
		}
		if t < s.warmup {
			continue
		}
		e := &s.econ
		st.profit += e.Price*sold - e.Cost*q + e.Salvage*waste - e.Goodwill*left - e.HoldingCost*on
		st.sales += sold
		st.lost += left
		st.waste += waste
		st.ordered += q
		st.received += recv
		st.onhand += on
		st.demand += dem
	}
	return st
}

func freshBaseStock(ctx context.Context, in *freshBaseStockIn) (*freshBaseStockResult, error) {
	start := time.Now()
	var c check
	cr := freshRatio(&c, in.Price, in.Cost, in.Salvage, in.Goodwill)
	c.nonneg("holding_cost", in.HoldingCost)
	d := in.build(&c)
	if in.ShelfLifeDays < 1 || in.ShelfLifeDays > 365 {
		c.add("shelf_life_days", "must be in [1, 365], got %d", in.ShelfLifeDays)
	}
	if in.LeadTimeDays < 0 || in.LeadTimeDays > 365 {
		c.add("lead_time_days", "must be in [0, 365], got %d", in.LeadTimeDays)
	}
	c.nonneg("case_pack", in.CasePack)
	if in.BaseStockLevel != nil {
		c.nonneg("base_stock_level", *in.BaseStockLevel)
	}
	if in.Days < 0 || in.Days > 1_000_000 {
		c.add("days", "must be in [0, 1000000], got %d", in.Days)
	}
	if days := cmp.Or(in.Days, 20000); c.v.Len() == 0 && float64(days)*float64(in.ShelfLifeDays+in.LeadTimeDays+1) > 2e6 {
		c.add("days", "times shelf_life_days + lead_time_days + 1 must be <= 2e6, got %d × %d", days, in.ShelfLifeDays+in.LeadTimeDays+1)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	days := cmp.Or(in.Days, 20000)
	sim := &freshSim{econ: in.freshEconomics, life: in.ShelfLifeDays, lt: in.LeadTimeDays, pack: in.CasePack,
		warmup: 10 * (in.ShelfLifeDays + in.LeadTimeDays + 1)}
	sim.stock = make([]float64, sim.life)
	sim.pipe = make([]float64, sim.lt+1)
	sim.demand = make([]float64, sim.warmup+days)
	rng := rand.New(rand.NewPCG(in.Seed, 0x5eed))
	for i := range sim.demand {
		u := rng.Float64()
		for u == 0 {
			u = rng.Float64()
		}
		sim.demand[i] = math.Max(0, d.Quantile(u))
	}
	k := float64(in.LeadTimeDays + 1)
	nvLevel := k*d.Mean() + stdQuantile(cr)*math.Sqrt(k)*d.StdDev()
	res := &freshBaseStockResult{NewsvendorLevel: nvLevel}
	var best freshStats
	bestLevel := 0.0
	stop := solver.StopConverged
	if in.BaseStockLevel != nil {
		bestLevel = *in.BaseStockLevel
		best = sim.run(bestLevel)
		res.Evaluated = 1
	} else {
		// Scan integer levels up to well beyond the ageing-free level; the
		// shelf life only lowers the best level.
		hi := math.Ceil(k*d.Mean() + 5*math.Sqrt(k)*d.StdDev() + 1)
		step := math.Max(1, math.Floor(hi/100))
		found := false
		for s := 0.0; s <= hi; s += step {
			if ctx.Err() != nil {
				stop = solver.ReasonFor(ctx.Err())
				break
			}
			st := sim.run(s)
			res.Evaluated++
			if !found || st.profit > best.profit {
				best, bestLevel, found = st, s, true
			}
		}
		if step > 1 && stop == solver.StopConverged {
			for s := math.Max(0, bestLevel-step+1); s < bestLevel+step; s++ {
				st := sim.run(s)
				res.Evaluated++
				if st.profit > best.profit {
					best, bestLevel = st, s
				}
			}
		}
		if !found {
			return nil, ctx.Err()
		}
	}
	n := float64(days)
	res.BaseStockLevel = bestLevel
	res.ProfitPerDay = best.profit / n
	res.SalesPerDay = best.sales / n
	res.LostPerDay = best.lost / n
	res.WastePerDay = best.waste / n
	res.OrderedPerDay = best.ordered / n
	res.OnHandPerDay = best.onhand / n
	res.FillRate = 1
	if best.demand > 0 {
		res.FillRate = best.sales / best.demand
	}
	if best.received > 0 {
		res.WasteFraction = best.waste / best.received
	}
	res.Stats = solver.Stats{Stop: stop, Iterations: int64(res.Evaluated), RuntimeS: solver.Since(start), Seed: in.Seed, Threads: 1}
	return res, nil
}
