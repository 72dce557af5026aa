package alloc

import (
	"fmt"
)

// CheckTransfer recomputes out from in and opt alone: every move on a
// lane, in whole lots, at the lane's cost; lane capacities; no warehouse
// sending more than its surplus or receiving more than its deficit rounded
// up to a lot; and the short, spoiled and cost totals.
func CheckTransfer(in *TransferInput, opt TransferOptions, out *TransferOutput) error {
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
			return fmt.Errorf("alloc: check transfers: moves[%d]: no lane from %q to %q", i, mv.From, mv.To)
		}
		lot, ok := lots[mv.SKU]
		if !ok || mv.Units <= 0 || mv.Units != mv.Lots*lot {
			return fmt.Errorf("alloc: check transfers: moves[%d]: %d units is not %d lots of sku %q", i, mv.Units, mv.Lots, mv.SKU)
		}
		if mv.Cost != mv.Units*l.CostPerUnit {
			return fmt.Errorf("alloc: check transfers: moves[%d]: cost %d, want %d", i, mv.Cost, mv.Units*l.CostPerUnit)
		}
		transport += mv.Cost
		laneUse[lk{mv.From, mv.To}] += mv.Units
		sent[wk{mv.From, mv.SKU}] += mv.Units
		got[wk{mv.To, mv.SKU}] += mv.Units
	}
	for k, u := range laneUse {
		if c := lanes[k].CapacityUnits; c > 0 && u > c {
			return fmt.Errorf("alloc: check transfers: lane %q to %q carries %d units over capacity %d", k.from, k.to, u, c)
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
				return fmt.Errorf("alloc: check transfers: %q sends %d of sku %q, surplus %d", w.ID, sent[k], s.ID, surplus)
			}
			if got[k] > (deficit+lot-1)/lot*lot {
				return fmt.Errorf("alloc: check transfers: %q receives %d of sku %q, deficit %d", w.ID, got[k], s.ID, deficit)
			}
			short += max(0, deficit-got[k])
			spoiled += max(0, p.ExpiringUnits-sent[k])
		}
	}
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"transport_cost", out.TransportCost, transport},
		{"short_units", out.ShortUnits, short},
		{"spoiled_units", out.SpoiledUnits, spoiled},
		{"shortage_cost", out.ShortageCost, short * opt.ShortagePenalty},
		{"spoilage_cost", out.SpoilageCost, spoiled * opt.SpoilagePenalty},
		{"cost", out.Cost, transport + short*opt.ShortagePenalty + spoiled*opt.SpoilagePenalty},
	} {
		if c.got != c.want {
			return fmt.Errorf("alloc: check transfers: %s %d, recomputed %d", c.name, c.got, c.want)
		}
	}
	return nil
}
