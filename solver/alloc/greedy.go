package alloc

import (
	"cmp"
	"slices"
)

// greedy allocates the SKU whose network wk has built without optimizing
// it, for when the deadline leaves no time for its flow: demand lines in
// decreasing order of their unmet penalty (ties by line) take units from
// their candidate stock lines cheapest arc first, first the units above
// safety stock, then safety units while cost plus safety penalty still
// beats leaving the demand unmet; what is left goes unmet. The flow it
// writes into wk.s is feasible, so extract reads it like an optimal one.
// It returns a lower bound on the SKU's cost that ignores stock limits:
// every unit of demand at its cheapest candidate arc or its penalty.
func (wk *worker) greedy(m *model, k int) (bound int64) {
	stock, demand := m.stock[k], m.demand[k]
	wk.s.init(&wk.g)
	flow := wk.s.flow
	clear(flow[:wk.s.m])
	wk.shipped = grow(wk.shipped, len(stock))
	clear(wk.shipped)
	for i, l := range stock {
		wk.whNode[l.w] = int32(i)
	}
	defer func() {
		for _, l := range stock {
			wk.whNode[l.w] = -1
		}
	}()
	lines := make([]int32, len(demand))
	for j := range lines {
		lines[j] = int32(j)
	}
	slices.SortStableFunc(lines, func(a, b int32) int {
		return cmp.Compare(m.unmetPen[demand[b].p], m.unmetPen[demand[a].p])
	})
	var arcAt []int32 // per position in p's candidates: its arc, or -1
	for _, j := range lines {
		lo, hi := wk.lineStart[j], wk.lineStart[j+1]-1 // hi: the unmet arc
		pen := wk.base[hi]
		p := int(demand[j].p)
		cands := m.cand[m.candStart[p]:m.candStart[p+1]]
		arcAt = arcAt[:0]
		a := lo // build added the arcs of stocked candidates in cand order
		for _, w := range cands {
			if wk.whNode[w] >= 0 {
				arcAt = append(arcAt, a)
				a++
			} else {
				arcAt = append(arcAt, -1)
			}
		}
		order := m.candByCost[m.candStart[p]:m.candStart[p+1]]
		cheapest := pen
		for _, c := range order {
			if a := arcAt[c]; a >= 0 {
				cheapest = min(pen, wk.base[a])
				break
			}
		}
		left := demand[j].units
		bound += left * cheapest
		for pass := range 2 {
			for _, c := range order {
				a := arcAt[c]
				if a < 0 {
					continue
				}
				if left == 0 || wk.base[a] >= pen {
					break // the rest cost more than leaving the units unmet
				}
				i := wk.arcStock[a]
				free := stock[i].units - stock[i].safety - wk.shipped[i] // above safety
				if pass == 1 {
					if wk.base[a]+m.safetyPen >= pen {
						break
					}
					free = stock[i].units - wk.shipped[i]
				}
				if x := min(left, free); x > 0 {
					flow[a] += x
					wk.shipped[i] += x
					left -= x
				}
			}
		}
		flow[hi] = left
	}
	return bound
}
