package wave

import (
	"fmt"
	"math"

	"fulfil/solver"
)

// Scattered storage: an item may be taken from any of several positions.
// RouteScattered chooses one position per item heuristically and routes the
// chosen set by the policy (exactly for Optimal):
//
//  1. start from each item's position nearest to the start and end;
//  2. repeat until no change gains: for each item with alternatives, try
//     each alternative in turn and keep it if the routed tour gets shorter
//     (first improvement, tours evaluated by the policy, so exactly for
//     Optimal).
//
// The choice is a local optimum, not the joint optimum of Heßler & Irnich
// (2024); when every item has one position it is the exact route.

// RouteScattered returns a tour that visits one position of every item
// (items[i] lists the positions holding item i) and, for each item, the
// index of the chosen position. Tour.Order indexes items.
func (w *Router) RouteScattered(layout *Layout, items [][]Position, policy Policy) (Tour, []int, error) {
	if err := ValidateLayout(layout); err != nil {
		return Tour{}, nil, err
	}
	var v solver.Violations
	for i, it := range items {
		if len(it) == 0 {
			v.Add(fmt.Sprintf("items[%d]", i), "must list at least one position")
		}
		for j, p := range it {
			if p.Aisle < 0 || p.Aisle >= layout.Aisles {
				v.Add(fmt.Sprintf("items[%d][%d].aisle", i, j), "must lie in [0, %d], got %d", layout.Aisles-1, p.Aisle)
			}
			if p.Cell < 0 || p.Cell >= layout.Cells {
				v.Add(fmt.Sprintf("items[%d][%d].cell", i, j), "must lie in [0, %d], got %d", layout.Cells-1, p.Cell)
			}
		}
	}
	if _, err := ParsePolicy(string(policy)); err != nil {
		v.Add("policy", "unknown routing policy %q", string(policy))
	}
	if err := v.Err(); err != nil {
		return Tour{}, nil, err
	}
	g := compileGrid(layout)
	sy, ey := g.crossY[g.start.CrossAisle], g.crossY[g.end.CrossAisle]
	choice := make([]int, len(items))
	for i, it := range items {
		best := math.Inf(1)
		for j, p := range it {
			y := g.cellY[p.Cell]
			if d := g.dist(g.start.Aisle, sy, p.Aisle, y) + g.dist(p.Aisle, y, g.end.Aisle, ey); d < best {
				best, choice[i] = d, j
			}
		}
	}
	picks := make([]Position, len(items))
	eval := func() float64 {
		for i, it := range items {
			picks[i] = it[choice[i]]
		}
		w.setPicks(g, picks)
		return w.route(g, policy, false).DistanceM
	}
	cur := eval()
	for improved := true; improved; {
		improved = false
		for i, it := range items {
			keep := choice[i]
			for j := range it {
				if j == keep {
					continue
				}
				choice[i] = j
				if c := eval(); c < cur-1e-9 {
					cur, keep, improved = c, j, true
				}
			}
			choice[i] = keep
		}
	}
	for i, it := range items {
		picks[i] = it[choice[i]]
	}
	w.setPicks(g, picks)
	return w.route(g, policy, true), choice, nil
}

// RouteScattered is Router.RouteScattered with a new Router.
func RouteScattered(layout *Layout, items [][]Position, policy Policy) (Tour, []int, error) {
	var w Router
	return w.RouteScattered(layout, items, policy)
}
