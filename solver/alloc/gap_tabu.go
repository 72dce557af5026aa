package alloc

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
)

// tabuResult is the outcome of one tabu search.
type tabuResult struct {
	best       []int32 // best feasible assignment, or nil
	iterations int64
}

// tabuK is the number of candidate agents per job. Few candidates focus
// the search: on the type d and e problems 4 beat 6, 8 and 12 at 10 s.
const tabuK = 4

// tabu runs a tabu search with strategic oscillation in the manner of Díaz
// and Fernández (2001, "A tabu search heuristic for the generalized
// assignment problem", EJOR 132): the search may overload agents, paying
// α per unit of excess, and α grows by 2 % per iteration while the current
// assignment is infeasible and shrinks as fast while it is feasible. Each
// iteration takes the best non-tabu move among shifts of a job to one of
// its K candidate agents (the cheapest at the Lagrangian prices λ), swaps
// of two jobs between candidate agents and ejection chains of length two
// (j1 to j2's agent, j2 to a third), the swaps and chains sampled from
// random jobs on large problems. Moving job j off agent i forbids moving it
// back for a random tenure around 3 + √n/2; a tabu move that gives a new
// best feasible cost is allowed. After a long run without a new best the
// search restarts from the best assignment with a random kick. It stops at
// the iteration cap, at ctx's end, or when the cost meets lb.
//
// Departures from the paper: candidate lists by Lagrangian reduced cost,
// sampled swaps, length-two chains and restarts, so that it scales to
// 80 × 1600. Costs and weights of the candidates are copied per job into
// contiguous arrays so that move evaluation reads memory in order.
func (g *gapModel) tabu(ctx context.Context, start []int32, lambda []float64, lb int64, seed, stream uint64, maxIter int64) tabuResult {
	m, n := g.m, g.n
	rng := rand.New(rand.NewPCG(seed, stream))
	K := min(m, tabuK)
	// Candidate agents per job by reduced cost c + λw, with their costs and
	// weights; kpos[j*m+i] is i's index among j's candidates or -1.
	cand := make([]int32, n*K)
	cc := make([]int64, n*K)
	cw := make([]int64, n*K)
	kpos := make([]int8, n*m)
	order := make([]int32, m)
	for j := range n {
		for i := range order {
			order[i] = int32(i)
		}
		rc := func(i int32) float64 { return float64(g.c[int(i)*n+j]) + lambda[i]*float64(g.w[int(i)*n+j]) }
		slices.SortStableFunc(order, func(x, y int32) int {
			if d := rc(x) - rc(y); d < 0 {
				return -1
			} else if d > 0 {
				return 1
			}
			return 0
		})
		for i := range m {
			kpos[j*m+i] = -1
		}
		for k, i := range order[:K] {
			cand[j*K+k] = i
			cc[j*K+k] = g.c[int(i)*n+j]
			cw[j*K+k] = g.w[int(i)*n+j]
			kpos[j*m+int(i)] = int8(k)
		}
	}

	a := make([]int32, n)
	if start != nil {
		copy(a, start)
	} else {
		for j := range n {
			a[j] = cand[j*K]
		}
	}
	curC := make([]int64, n) // cost and weight of each job where it is
	curW := make([]int64, n)
	load := make([]int64, m)
	jobs := make([][]int32, m) // jobs on each agent
	pos := make([]int32, n)    // index of j in jobs[a[j]]
	var cost int64
	for j, i := range a {
		curC[j], curW[j] = g.c[int(i)*n+j], g.w[int(i)*n+j]
		load[i] += curW[j]
		cost += curC[j]
		pos[j] = int32(len(jobs[i]))
		jobs[i] = append(jobs[i], int32(j))
	}
	b := g.b
	excess := func(i int, l int64) int64 { return max(0, l-b[i]) }
	var over int64
	for i := range m {
		over += excess(i, load[i])
	}
	move := func(j int, to int32) {
		from := a[j]
		cw2, cc2 := g.w[int(to)*n+j], g.c[int(to)*n+j]
		load[from] -= curW[j]
		load[to] += cw2
		cost += cc2 - curC[j]
		curC[j], curW[j] = cc2, cw2
		last := jobs[from][len(jobs[from])-1]
		jobs[from][pos[j]] = last
		pos[last] = pos[j]
		jobs[from] = jobs[from][:len(jobs[from])-1]
		pos[j] = int32(len(jobs[to]))
		jobs[to] = append(jobs[to], int32(j))
		a[j] = to
	}

	var sumC, sumW int64
	for k := range g.c {
		sumC += g.c[k]
		sumW += g.w[k]
	}
	alpha := float64(sumC) / float64(max(sumW, 1))
	alphaMin := alpha * 1e-3
	res := tabuResult{}
	bestCost := int64(math.MaxInt64)
	if start != nil && over == 0 {
		bestCost = cost
		res.best = append([]int32(nil), a...)
	}
	tabuUntil := make([]int64, n*m)
	tenure := 3 + int(0.5*math.Sqrt(float64(n)))
	sample := min(n, 120)
	chains := min(n, 20)
	restartAfter := int64(max(2000, 10*n))
	lastBest := int64(0)
	tenureDraw := func() int64 { return int64(tenure/2 + rng.IntN(tenure+1)) }

	for it := int64(1); maxIter == 0 || it <= maxIter; it++ {
		res.iterations = it
		if it&63 == 0 && ctx.Err() != nil {
			break
		}
		if bestCost <= lb {
			break
		}
		bestDelta := math.Inf(1)
		kind := 0 // 1 shift, 2 swap, 3 chain
		var mj, mj2 int
		var mi, mi3 int32
		// Shifts.
		for j := range n {
			fi := int(a[j])
			exFrom := excess(fi, load[fi]-curW[j]) - excess(fi, load[fi])
			for k := j * K; k < (j+1)*K; k++ {
				ti := int(cand[k])
				if ti == fi {
					continue
				}
				dOver := excess(ti, load[ti]+cw[k]) - excess(ti, load[ti]) + exFrom
				dc := cc[k] - curC[j]
				d := float64(dc) + alpha*float64(dOver)
				if d >= bestDelta {
					continue
				}
				if tabuUntil[j*m+ti] >= it && !(over+dOver == 0 && cost+dc < bestCost) {
					continue
				}
				bestDelta, kind, mj, mi = d, 1, j, cand[k]
			}
		}
		// Swaps of sampled jobs with the jobs of their candidate agents.
		for s := range sample {
			j1 := s
			if sample < n {
				j1 = rng.IntN(n)
			}
			i1 := int(a[j1])
			l1 := load[i1] - curW[j1]
			ex1 := excess(i1, load[i1])
			for k := j1 * K; k < (j1+1)*K; k++ {
				i2 := int(cand[k])
				if i2 == i1 {
					continue
				}
				l2 := load[i2] + cw[k]
				base := ex1 + excess(i2, load[i2])
				dc1 := cc[k] - curC[j1]
				tabu1 := tabuUntil[j1*m+i2] >= it
				for _, j2v := range jobs[i2] {
					j2 := int(j2v)
					k2 := kpos[j2*m+i1]
					if k2 < 0 {
						continue
					}
					q := j2*K + int(k2)
					dc := dc1 + cc[q] - curC[j2]
					dOver := excess(i1, l1+cw[q]) + excess(i2, l2-curW[j2]) - base
					d := float64(dc) + alpha*float64(dOver)
					if d >= bestDelta {
						continue
					}
					if (tabu1 || tabuUntil[j2*m+i1] >= it) && !(over+dOver == 0 && cost+dc < bestCost) {
						continue
					}
					bestDelta, kind, mj, mj2, mi = d, 2, j1, j2, cand[k]
				}
			}
		}
		// Ejection chains of length two: j1 to i2, j2 from i2 to i3.
		for range chains {
			j1 := rng.IntN(n)
			i1 := int(a[j1])
			ex1 := excess(i1, load[i1]-curW[j1]) - excess(i1, load[i1])
			for k := j1 * K; k < (j1+1)*K; k++ {
				i2 := int(cand[k])
				if i2 == i1 {
					continue
				}
				l2 := load[i2] + cw[k]
				ex2 := excess(i2, load[i2])
				dc1 := cc[k] - curC[j1]
				tabu1 := tabuUntil[j1*m+i2] >= it
				for _, j2v := range jobs[i2] {
					j2 := int(j2v)
					dOver2 := ex1 + excess(i2, l2-curW[j2]) - ex2
					dc2 := dc1 - curC[j2]
					for k3 := j2 * K; k3 < (j2+1)*K; k3++ {
						i3 := int(cand[k3])
						if i3 == i2 || i3 == i1 {
							continue
						}
						dc := dc2 + cc[k3]
						dOver := dOver2 + excess(i3, load[i3]+cw[k3]) - excess(i3, load[i3])
						d := float64(dc) + alpha*float64(dOver)
						if d >= bestDelta {
							continue
						}
						if (tabu1 || tabuUntil[j2*m+i3] >= it) && !(over+dOver == 0 && cost+dc < bestCost) {
							continue
						}
						bestDelta, kind, mj, mj2, mi, mi3 = d, 3, j1, j2, cand[k], cand[k3]
					}
				}
			}
		}
		switch kind {
		case 0:
			continue
		case 1:
			tabuUntil[mj*m+int(a[mj])] = it + tenureDraw()
			move(mj, mi)
		case 2:
			i1 := a[mj]
			tabuUntil[mj*m+int(i1)] = it + tenureDraw()
			tabuUntil[mj2*m+int(mi)] = it + tenureDraw()
			move(mj, mi)
			move(mj2, i1)
		case 3:
			tabuUntil[mj*m+int(a[mj])] = it + tenureDraw()
			tabuUntil[mj2*m+int(mi)] = it + tenureDraw()
			move(mj, mi)
			move(mj2, mi3)
		}
		over = 0
		for i := range m {
			over += excess(i, load[i])
		}
		if over == 0 {
			if cost < bestCost {
				bestCost = cost
				res.best = append(res.best[:0], a...)
				lastBest = it
			}
			alpha = max(alphaMin, alpha/1.02)
		} else {
			alpha *= 1.02
		}
		if it-lastBest > restartAfter && res.best != nil {
			// Restart from the best with a kick of random shifts.
			for j := range n {
				if a[j] != res.best[j] {
					move(j, res.best[j])
				}
			}
			for range max(2, n/50) {
				j := rng.IntN(n)
				move(j, cand[j*K+rng.IntN(K)])
			}
			over = 0
			for i := range m {
				over += excess(i, load[i])
			}
			lastBest = it
		}
	}
	return res
}
