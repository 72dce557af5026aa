package alloc

import (
	"errors"
	"fmt"
	"math"

	"fulfil/geo"
	"fulfil/solver"
)

// ErrCheck wraps solver.ErrCheck for an answer that fails Check,
// CheckTransfer or CheckGAP: a bug in the solver, never the caller's fault.
var ErrCheck = errors.New("alloc: answer fails its check")

// compareTotals adds a violation for each stated total that differs from
// the one recomputed.
func compareTotals(rep *solver.Report, totals []total) {
	for _, c := range totals {
		if c.got != c.want {
			rep.Add(c.name, "%d, recomputed %d", c.got, c.want)
		}
	}
}

type total struct {
	name      string
	got, want int64
}

// Check recomputes the feasibility and every cost of out from the public
// input alone, sharing nothing with the search: ids, arcs allowed by
// Options.Nearest and homes, stock limits, demand balance (shipped plus
// unmet equals demand), the cost parts, the split list and Cost ≥ Bound.
// A wrong allocation is a report with Feasible false listing every
// discrepancy by output path; the error is for a nil output. in and opt
// must be valid, as Allocate requires (it checks them first). Rows are
// found through dense keys, so that checking 10^6 demand rows costs about
// a tenth of allocating them.
func Check(in *Input, opt Options, out *Output) (*solver.Report, error) {
	if out == nil {
		return nil, errors.New("alloc: check: output is nil")
	}
	rep := solver.NewReport()
	wh := map[string]int{}
	for i, w := range in.Warehouses {
		wh[w.ID] = i
	}
	pp := map[string]int{}
	for i, p := range in.PickupPoints {
		pp[p.ID] = i
	}
	unit := func(w, p int) int64 {
		if in.CostPerUnit != nil {
			return in.CostPerUnit[w][p]
		}
		km := geo.HaversineM(in.Warehouses[w].Location, in.PickupPoints[p].Location) / 1000
		return int64(math.Round(km * in.CostPerUnitKm))
	}
	// costs[p] holds every warehouse's unit cost to p, computed on p's
	// first assignment, so that a rank costs no distance.
	costs := map[int][]int64{}
	allowed := func(w, p int) bool {
		if opt.Nearest == 0 || opt.Nearest >= len(in.Warehouses) || in.PickupPoints[p].Home == in.Warehouses[w].ID {
			return true
		}
		row, ok := costs[p]
		if !ok {
			row = make([]int64, len(in.Warehouses))
			for v := range row {
				row[v] = unit(v, p)
			}
			costs[p] = row
		}
		c, rank := row[w], 0
		for v, cv := range row {
			if cv < c || (cv == c && v < w) {
				rank++
			}
		}
		return rank < opt.Nearest
	}
	// Stock and demand rows are found by dense keys: warehouse or pickup
	// point index × SKUs + SKU index.
	sk := map[string]int{}
	for i, k := range in.SKUs {
		sk[k.ID] = i
	}
	nk := len(in.SKUs)
	stockRow := make(map[int]int, len(in.Stock))
	limit, safety := make([]int64, len(in.Stock)), make([]int64, len(in.Stock))
	for i, s := range in.Stock {
		stockRow[wh[s.Warehouse]*nk+sk[s.SKU]] = i
		limit[i], safety[i] = s.Units, s.SafetyUnits
		if opt.HoldSafety {
			limit[i], safety[i] = s.Units-s.SafetyUnits, 0
		}
	}
	demandRow := make(map[int]int, len(in.Demand))
	open := make([]int64, len(in.Demand))
	for i, d := range in.Demand {
		demandRow[pp[d.PickupPoint]*nk+sk[d.SKU]] = i
		open[i] = d.Units
	}
	shipped := make([]int64, len(in.Stock))
	source := make([]int, len(in.Demand)) // the warehouse serving a row, -1: none yet
	for i := range source {
		source[i] = -1
	}
	split := make([]bool, len(in.Demand))
	var transport, nonHome, unmetCost, unmetUnits, safetyCost, splitCost int64
	for i, a := range out.Assignments {
		w, okW := wh[a.Warehouse]
		p, okP := pp[a.PickupPoint]
		k, okK := sk[a.SKU]
		if !okW || !okP || !okK {
			rep.Add(fmt.Sprintf("assignments[%d]", i), "unknown warehouse %q, pickup point %q or sku %q", a.Warehouse, a.PickupPoint, a.SKU)
			continue
		}
		if a.Units <= 0 {
			rep.Add(fmt.Sprintf("assignments[%d].units", i), "must be > 0, got %d", a.Units)
			continue
		}
		if !allowed(w, p) {
			rep.Add(fmt.Sprintf("assignments[%d].warehouse", i), "%q is not among the %d nearest of %q", a.Warehouse, opt.Nearest, a.PickupPoint)
		}
		c := unit(w, p)
		extra := int64(0)
		if h := in.PickupPoints[p].Home; h != "" && h != a.Warehouse {
			extra = opt.NonHomePenalty
		}
		if a.CostPerUnit != c+extra {
			rep.Add(fmt.Sprintf("assignments[%d].cost_per_unit", i), "%d, want %d", a.CostPerUnit, c+extra)
		}
		transport += a.Units * c
		nonHome += a.Units * extra
		sr, okS := stockRow[w*nk+k]
		dr, okD := demandRow[p*nk+k]
		if !okS || !okD {
			rep.Add(fmt.Sprintf("assignments[%d]", i), "warehouse %q holds no sku %q or pickup point %q wants none", a.Warehouse, a.SKU, a.PickupPoint)
			continue
		}
		shipped[sr] += a.Units
		open[dr] -= a.Units
		switch {
		case source[dr] < 0:
			source[dr] = w
		case source[dr] != w:
			split[dr] = true
		}
	}
	for i, x := range shipped {
		if x > limit[i] {
			rep.Add("assignments", "warehouse %q ships %d of sku %q, holds %d", in.Stock[i].Warehouse, x, in.Stock[i].SKU, limit[i])
		}
		if used := x - (limit[i] - safety[i]); used > 0 && !opt.HoldSafety {
			safetyCost += used * opt.SafetyPenalty
		}
	}
	for i, u := range out.Unmet {
		p, ok := pp[u.PickupPoint]
		dr, okD := demandRow[p*nk+sk[u.SKU]]
		if _, okK := sk[u.SKU]; !ok || !okK || !okD || u.Units <= 0 {
			rep.Add(fmt.Sprintf("unmet[%d]", i), "pickup point %q wants no sku %q, or units %d", u.PickupPoint, u.SKU, u.Units)
			continue
		}
		open[dr] -= u.Units
		pen := in.PickupPoints[p].UnmetPenalty
		if pen == 0 {
			pen = opt.UnmetPenalty
		}
		unmetCost += u.Units * pen
		unmetUnits += u.Units
	}
	nsplit := 0
	for i, x := range open {
		if x != 0 {
			rep.Add(fmt.Sprintf("demand[%d]", i), "shipped plus unmet misses the demand of pickup point %q for sku %q by %d", in.Demand[i].PickupPoint, in.Demand[i].SKU, x)
		}
		if split[i] {
			nsplit++
		}
	}
	if nsplit != len(out.Splits) {
		rep.Add("splits", "%d split pairs, output lists %d", nsplit, len(out.Splits))
	}
	splitCost = int64(nsplit) * opt.SplitPenalty
	compareTotals(&rep, []total{
		{"transport_cost", out.TransportCost, transport},
		{"non_home_cost", out.NonHomeCost, nonHome},
		{"unmet_cost", out.UnmetCost, unmetCost},
		{"unmet_units", out.UnmetUnits, unmetUnits},
		{"safety_cost", out.SafetyCost, safetyCost},
		{"split_cost", out.SplitCost, splitCost},
		{"cost", out.Cost, transport + nonHome + unmetCost + safetyCost + splitCost},
	})
	if out.Cost < out.Bound {
		rep.Add("bound", "%d above the cost %d", out.Bound, out.Cost)
	}
	return &rep, nil
}

// CheckTransfer recomputes out from in and opt alone: every move on a
// lane, in whole lots, at the lane's cost; lane capacities; no warehouse
// sending more than its surplus or receiving more than its deficit rounded
// up to a lot; and the short, spoiled and cost totals. A wrong plan is a
// report with Feasible false; the error is for a nil output.
func CheckTransfer(in *TransferInput, opt TransferOptions, out *TransferOutput) (*solver.Report, error) {
	if out == nil {
		return nil, errors.New("alloc: check transfers: output is nil")
	}
	rep := solver.NewReport()
	type lk struct{ from, to string }
	lanes := map[lk]Lane{}
	for _, l := range in.Lanes {
		lanes[lk{l.From, l.To}] = l
	}
	lots := map[string]int64{}
	for _, s := range in.SKUs {
		lots[s.ID] = max(s.LotUnits, 1)
	}
	type wk struct{ w, sku string }
	sent, got := map[wk]int64{}, map[wk]int64{}
	laneUse := map[lk]int64{}
	var transport int64
	for i, mv := range out.Moves {
		l, ok := lanes[lk{mv.From, mv.To}]
		if !ok {
			rep.Add(fmt.Sprintf("moves[%d]", i), "no lane from %q to %q", mv.From, mv.To)
			continue
		}
		lot, ok := lots[mv.SKU]
		if !ok || mv.Units <= 0 || mv.Units != mv.Lots*lot {
			rep.Add(fmt.Sprintf("moves[%d]", i), "%d units is not %d lots of sku %q", mv.Units, mv.Lots, mv.SKU)
			continue
		}
		if mv.Cost != mv.Units*l.CostPerUnit {
			rep.Add(fmt.Sprintf("moves[%d].cost", i), "%d, want %d", mv.Cost, mv.Units*l.CostPerUnit)
		}
		transport += mv.Cost
		laneUse[lk{mv.From, mv.To}] += mv.Units
		sent[wk{mv.From, mv.SKU}] += mv.Units
		got[wk{mv.To, mv.SKU}] += mv.Units
	}
	for k, u := range laneUse {
		if c := lanes[k].CapacityUnits; c > 0 && u > c {
			rep.Add("moves", "lane %q to %q carries %d units over capacity %d", k.from, k.to, u, c)
		}
	}
	var short, spoiled int64
	pos := map[wk]Position{}
	for _, p := range in.Positions {
		pos[wk{p.Warehouse, p.SKU}] = p
	}
	for _, s := range in.SKUs {
		for _, w := range in.Warehouses {
			k := wk{w.ID, s.ID}
			p := pos[k]
			usable := p.OnHandUnits + p.InboundUnits - p.ExpiringUnits
			need := p.ForecastUnits + p.SafetyUnits
			surplus := max(0, usable-need) + p.ExpiringUnits
			deficit := max(0, need-usable)
			lot := lots[s.ID]
			if sent[k] > surplus {
				rep.Add("moves", "%q sends %d of sku %q, surplus %d", w.ID, sent[k], s.ID, surplus)
			}
			if got[k] > (deficit+lot-1)/lot*lot {
				rep.Add("moves", "%q receives %d of sku %q, deficit %d", w.ID, got[k], s.ID, deficit)
			}
			short += max(0, deficit-got[k])
			spoiled += max(0, p.ExpiringUnits-sent[k])
		}
	}
	compareTotals(&rep, []total{
		{"transport_cost", out.TransportCost, transport},
		{"short_units", out.ShortUnits, short},
		{"spoiled_units", out.SpoiledUnits, spoiled},
		{"shortage_cost", out.ShortageCost, short * opt.ShortagePenalty},
		{"spoilage_cost", out.SpoilageCost, spoiled * opt.SpoilagePenalty},
		{"cost", out.Cost, transport + short*opt.ShortagePenalty + spoiled*opt.SpoilagePenalty},
	})
	if out.Cost < out.Bound {
		rep.Add("bound", "%d above the cost %d", out.Bound, out.Cost)
	}
	return &rep, nil
}
