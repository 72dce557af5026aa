package nightly

import (
	"fulfil/datasets"
	"fulfil/solver/alloc"
	"fulfil/solver/stock"
)

// replenishmentRows makes one row per warehouse and SKU: its demand
// history, its shelf life, and what stays on hand once tonight's
// allocation has shipped.
func replenishmentRows(s *datasets.Scenario, a *alloc.Output, opt Options) []stock.Row {
	type key struct{ w, k string }
	shipped := make(map[key]int64, len(s.Stock))
	for _, as := range a.Assignments {
		shipped[key{as.Warehouse, as.SKU}] += as.Units
	}
	life := make(map[string]float64, len(s.SKUs))
	for _, k := range s.SKUs {
		life[k.ID] = float64(k.ShelfLifeDays)
	}
	history := make(map[key][]int64, len(s.History))
	for _, h := range s.History {
		history[key{h.Warehouse, h.SKU}] = h.Daily
	}
	rows := make([]stock.Row, 0, len(s.Stock))
	for _, st := range s.Stock {
		k := key{st.Warehouse, st.SKU}
		r := stock.Row{
			SKU: st.SKU, Warehouse: st.Warehouse,
			LeadTimeDays: opt.LeadTimeDays, LeadTimeSDDays: opt.LeadTimeSDDays,
			OnHand:        float64(st.Units - shipped[k]),
			CasePack:      opt.CasePack,
			ShelfLifeDays: life[st.SKU],
		}
		for _, d := range history[k] {
			r.History = append(r.History, float64(d))
		}
		rows = append(rows, r)
	}
	return rows
}
