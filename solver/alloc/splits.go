package alloc

import "context"

// countSplits returns how many demand lines of the built network receive
// flow from two or more warehouses in s.
func (wk *worker) countSplits(s *netSimplex, nd int) int {
	wk.count = grow(wk.count, nd)
	clear(wk.count)
	n := 0
	for a := range s.m {
		if s.flow[a] == 0 || wk.arcStock[a] < 0 {
			continue
		}
		if j := wk.arcDemand[a]; j >= 0 {
			wk.count[j]++
			if wk.count[j] == 2 {
				n++
			}
		}
	}
	return n
}

// repairSplits removes splits from the optimal flow in wk.s when that
// lowers transport plus split penalties. A vertex optimum of a
// transportation problem has at most (warehouses − 1) split pickup points
// (its basis is a spanning tree), so the repair tries, for each split
// demand line j and each warehouse i that serves it, to serve j from i
// alone: the arcs from every other warehouse into j get cost unmetPen(j)+1,
// which no optimum uses since rerouting a unit through the slack costs
// unmetPen(j), and the simplex pivots on from the current basis. The best
// trial that lowers the objective is kept, with j's other arcs left
// barred, and passes repeat until one brings no gain (at most 4).
//
// It returns ctx's error when cut short; wk.s then holds the best flow found.
func (wk *worker) repairSplits(ctx context.Context, m *model, k int) error {
	nd := len(m.demand[k])
	pen := m.splitPen
	cur := wk.flowCost(&wk.s) + pen*int64(wk.countSplits(&wk.s, nd))
	suppliers := make([]int32, 0, 8)
	splitLines := make([]int32, 0, 8)
	for pass := 0; pass < 4; pass++ {
		improved := false
		wk.countSplits(&wk.s, nd)
		splitLines = splitLines[:0]
		for j, c := range wk.count[:nd] {
			if c >= 2 {
				splitLines = append(splitLines, int32(j))
			}
		}
		for _, j := range splitLines {
			suppliers = suppliers[:0]
			for a := range wk.s.m {
				if wk.arcDemand[a] == j && wk.arcStock[a] >= 0 && wk.s.flow[a] > 0 {
					suppliers = append(suppliers, wk.arcStock[a])
				}
			}
			if len(suppliers) < 2 {
				continue // an earlier repair in this pass merged it
			}
			barred := m.unmetPen[m.demand[k][j].p] + 1
			found := false
			for _, keep := range suppliers {
				wk.trial.copyFrom(&wk.s)
				for a := range wk.s.m {
					if wk.arcDemand[a] == j && wk.arcStock[a] >= 0 && wk.arcStock[a] != keep {
						wk.trial.setCost(a, barred)
					}
				}
				wk.trial.repotential()
				if err := wk.trial.run(ctx); err != nil {
					return err
				}
				if obj := wk.flowCost(&wk.trial) + pen*int64(wk.countSplits(&wk.trial, nd)); obj < cur {
					cur = obj
					wk.best.copyFrom(&wk.trial)
					found = true
				}
			}
			if found {
				wk.s.copyFrom(&wk.best)
				improved = true
			}
		}
		if !improved {
			break
		}
	}
	return nil
}
