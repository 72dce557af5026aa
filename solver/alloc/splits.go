package alloc

import "context"

// countSplits returns how many demand lines receive flow from two or more
// warehouses in s, and leaves the supplier count of each line in wk.count.
func (wk *worker) countSplits(s *netSimplex, nd int) int {
	wk.count = grow(wk.count, nd)
	n := 0
	for j := range nd {
		c := int32(0)
		for a := wk.lineStart[j]; a < wk.lineStart[j+1]-1; a++ {
			if s.flow[a] > 0 {
				c++
			}
		}
		wk.count[j] = c
		if c >= 2 {
			n++
		}
	}
	return n
}

// repairPivots caps the pivots of one repair trial: a trial that needs
// more reshuffles much of the flow and rarely pays.
const repairPivots = 40

// repairSplits removes splits from the optimal flow in wk.s when that
// lowers transport plus split penalties. A vertex optimum of a
// transportation problem has at most (warehouses − 1) split pickup points
// (its basis is a spanning tree), so the repair tries, for each split
// demand line j, to serve j from one warehouse alone: the one shipping
// most to j among those whose whole stock covers j. The arcs from every
// other warehouse into j get cost unmetPen(j)+1, which no optimum uses
// since rerouting a unit through the slack costs unmetPen(j), and the
// simplex pivots on from the current basis, its block search starting at
// j's arcs. A trial that lowers the objective is kept, with j's other arcs
// left barred; a failed one, or one that does not reach optimality within
// repairPivots pivots, is undone by restoring the saved basis. A second
// pass retries the lines still split. Each trial costs its pivots plus
// O(m) for the optimality scan, the objective and the basis copy.
//
// It returns ctx's error when cut short; wk.s then holds the best flow found.
func (wk *worker) repairSplits(ctx context.Context, m *model, k int) error {
	nd := len(m.demand[k])
	pen := m.splitPen
	s := &wk.s
	cur := wk.flowCost(s) + pen*int64(wk.countSplits(s, nd))
	wk.best.copyBasis(s) // the saved basis
	splitLines := make([]int32, 0, 8)
	bar := func(j int32, keep int32, barred int64) {
		for a := wk.lineStart[j]; a < wk.lineStart[j+1]-1; a++ {
			if wk.arcStock[a] != keep {
				s.setCost(int(a), barred)
			}
		}
	}
	for pass := 0; pass < 1; pass++ {
		improved := false
		wk.countSplits(s, nd)
		splitLines = splitLines[:0]
		for j, c := range wk.count[:nd] {
			if c >= 2 {
				splitLines = append(splitLines, int32(j))
			}
		}
		for _, j := range splitLines {
			// The supplier to keep: the one shipping most among those whose
			// whole stock covers the line (no other can serve it alone).
			n, keep := 0, int32(-1)
			var most int64
			need := m.demand[k][j].units
			for a := wk.lineStart[j]; a < wk.lineStart[j+1]-1; a++ {
				if x := s.flow[a]; x > 0 {
					n++
					if i := wk.arcStock[a]; x > most && m.stock[k][i].units >= need {
						most, keep = x, i
					}
				}
			}
			if n < 2 || keep < 0 {
				continue // merged by an earlier repair, or no warehouse can serve it alone
			}
			barred := m.unmetPen[m.demand[k][j].p] + 1
			bar(j, keep, barred)
			s.repotential()
			s.nextArc = int(wk.lineStart[j]) // the reduced costs that changed
			done, err := s.runLimit(ctx, repairPivots)
			if done && err == nil {
				if obj := wk.flowCost(s) + pen*int64(wk.countSplits(s, nd)); obj < cur {
					cur = obj
					wk.best.copyBasis(s)
					improved = true
					continue // j stays served by keep alone
				}
			}
			for a := wk.lineStart[j]; a < wk.lineStart[j+1]-1; a++ {
				s.setCost(int(a), wk.base[a])
			}
			s.copyBasis(&wk.best)
			if err != nil {
				return err
			}
		}
		if !improved {
			break
		}
	}
	return nil
}
