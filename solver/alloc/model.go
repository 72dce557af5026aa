package alloc

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"fulfil/geo"
	"fulfil/solver"
)

// model is the dense form of an Input, built once per solve.
// Index names: w warehouse, p pickup point, k SKU.
type model struct {
	nw, np, nk int
	whID       []string
	ppID       []string
	skuID      []string

	cost     []int64 // [w*np+p]: transport cost per unit
	home     []int32 // per p; -1: none
	unmetPen []int64 // per p
	// cand[candStart[p]:candStart[p+1]]: the warehouses p may be served
	// from, in increasing index order.
	candStart []int32
	cand      []int32
	// candByCost[candStart[p]:candStart[p+1]]: positions in cand's range
	// of p, cheapest unit cost (non-home penalty included) first, ties by
	// warehouse index; the greedy allocation walks them.
	candByCost []int32
	allowed    []bool // [w*np+p]: w is a candidate of p

	stock  [][]stockLine  // per k
	demand [][]demandLine // per k

	nonHome     int64
	safetyPen   int64
	holdSafety  bool
	splitPen    int64
	defaultPen  int64
	maxUnitCost int64
}

type stockLine struct {
	w      int32
	units  int64 // usable units (safety stock removed when held)
	safety int64 // safety units among units (0 when held)
}

type demandLine struct {
	p     int32
	units int64
}

// compile builds the model of a validated input.
func compile(in *Input, opt *Options) (*model, error) {
	m := &model{
		nw: len(in.Warehouses), np: len(in.PickupPoints), nk: len(in.SKUs),
		nonHome: opt.NonHomePenalty, safetyPen: opt.SafetyPenalty, holdSafety: opt.HoldSafety,
		splitPen: opt.SplitPenalty, defaultPen: opt.UnmetPenalty,
	}
	wh := make(map[string]int32, m.nw)
	pp := make(map[string]int32, m.np)
	sk := make(map[string]int32, m.nk)
	for i, w := range in.Warehouses {
		m.whID = append(m.whID, w.ID)
		wh[w.ID] = int32(i)
	}
	for i, p := range in.PickupPoints {
		m.ppID = append(m.ppID, p.ID)
		pp[p.ID] = int32(i)
	}
	for i, s := range in.SKUs {
		m.skuID = append(m.skuID, s.ID)
		sk[s.ID] = int32(i)
	}
	costs, err := unitCosts(in)
	if err != nil {
		return nil, err
	}
	m.cost = costs
	for _, c := range costs {
		m.maxUnitCost = max(m.maxUnitCost, c)
	}
	m.home = make([]int32, m.np)
	m.unmetPen = make([]int64, m.np)
	for p, pt := range in.PickupPoints {
		m.home[p] = -1
		if pt.Home != "" {
			m.home[p] = wh[pt.Home]
		}
		m.unmetPen[p] = pt.UnmetPenalty
		if m.unmetPen[p] == 0 {
			m.unmetPen[p] = opt.UnmetPenalty
		}
	}
	// Candidate warehouses: the Nearest cheapest (ties by index) plus home.
	m.allowed = make([]bool, m.nw*m.np)
	m.candStart = make([]int32, m.np+1)
	order := make([]int32, m.nw)
	for p := range m.np {
		for w := range order {
			order[w] = int32(w)
		}
		k := m.nw
		if opt.Nearest > 0 && opt.Nearest < m.nw {
			k = opt.Nearest
			slices.SortStableFunc(order, func(a, b int32) int {
				ca, cb := m.cost[int(a)*m.np+p], m.cost[int(b)*m.np+p]
				switch {
				case ca < cb:
					return -1
				case ca > cb:
					return 1
				}
				return 0
			})
		}
		for _, w := range order[:k] {
			m.allowed[int(w)*m.np+p] = true
		}
		if h := m.home[p]; h >= 0 {
			m.allowed[int(h)*m.np+p] = true
		}
		for w := range m.nw {
			if m.allowed[w*m.np+p] {
				m.cand = append(m.cand, int32(w))
			}
		}
		m.candStart[p+1] = int32(len(m.cand))
		lo := m.candStart[p]
		for i := range m.candStart[p+1] - lo {
			m.candByCost = append(m.candByCost, i)
		}
		slices.SortStableFunc(m.candByCost[lo:], func(a, b int32) int {
			return cmp.Compare(m.unitCost(m.cand[lo+a], p), m.unitCost(m.cand[lo+b], p))
		})
	}
	m.stock = make([][]stockLine, m.nk)
	for _, s := range in.Stock {
		l := stockLine{w: wh[s.Warehouse], units: s.Units, safety: s.SafetyUnits}
		if opt.HoldSafety {
			l.units -= l.safety
			l.safety = 0
		}
		if l.units > 0 {
			k := sk[s.SKU]
			m.stock[k] = append(m.stock[k], l)
		}
	}
	m.demand = make([][]demandLine, m.nk)
	total := make([]int64, m.nk)
	for _, d := range in.Demand {
		if d.Units > 0 {
			k := sk[d.SKU]
			m.demand[k] = append(m.demand[k], demandLine{p: pp[d.PickupPoint], units: d.Units})
			total[k] += d.Units
		}
	}
	for k := range m.nk {
		slices.SortFunc(m.stock[k], func(a, b stockLine) int { return int(a.w - b.w) })
		slices.SortFunc(m.demand[k], func(a, b demandLine) int { return int(a.p - b.p) })
		var s int64
		for _, l := range m.stock[k] {
			s += l.units
		}
		// Σ flow·cost stays below 2^62 when every unit pays at most 2·maxMoney.
		if max(s, total[k]) > (1<<62)/(4*maxMoney) {
			return nil, solver.Errorf(fmt.Sprintf("skus[%d]", k), "total units %d too large", max(s, total[k]))
		}
	}
	return m, nil
}

// unitCosts returns the [w*np+p] cost matrix, from CostPerUnit or from
// great-circle distances.
func unitCosts(in *Input) ([]int64, error) {
	nw, np := len(in.Warehouses), len(in.PickupPoints)
	c := make([]int64, nw*np)
	if in.CostPerUnit != nil {
		for w, row := range in.CostPerUnit {
			copy(c[w*np:], row)
		}
		return c, nil
	}
	for w, wh := range in.Warehouses {
		for p, pt := range in.PickupPoints {
			v := math.Round(geo.HaversineM(wh.Location, pt.Location) / 1000 * in.CostPerUnitKm)
			if v > float64(maxMoney) {
				return nil, solver.Errorf("cost_per_unit_km", "gives a cost per unit of %g from warehouse %q to pickup point %q, above %d",
					v, wh.ID, pt.ID, maxMoney)
			}
			c[w*np+p] = int64(v)
		}
	}
	return c, nil
}

// unitCost is the cost per unit shipped from w to p: transport plus the
// non-home penalty when p has another home.
func (m *model) unitCost(w int32, p int) int64 {
	c := m.cost[int(w)*m.np+p]
	if h := m.home[p]; h >= 0 && h != w {
		c += m.nonHome
	}
	return c
}
