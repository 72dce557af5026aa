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

// tabu runs a tabu search with strategic oscillation in the manner of Díaz
// and Fernández (2001, "A tabu search heuristic for the generalized
// assignment problem", EJOR 132): the search may overload agents, paying
// α per unit of excess, and α grows while the current assignment is
// infeasible and shrinks while it is feasible. Each iteration takes the
// best non-tabu move among all shifts of a job to one of its K candidate
// agents (the cheapest at the Lagrangian prices λ) and swaps of two jobs
// between candidate agents, the swaps sampled from a random subset of the
// jobs on large problems. Moving job j off agent i forbids moving it back
// for a random tenure; a tabu move that gives a new best feasible cost is
// allowed. After a long run without a new best the search restarts from
// the best assignment with a random kick. It stops at the iteration cap,
// at ctx's end, or when the cost meets lb.
//
// Departures from the paper: candidate lists by Lagrangian reduced cost,
// sampled swaps, and restarts, so that it scales to 80 × 1600.
func (g *gapModel) tabu(ctx context.Context, start []int32, lambda []float64, lb int64, seed, stream uint64, maxIter int64) tabuResult {
	m, n := g.m, g.n
	rng := rand.New(rand.NewPCG(seed, stream))
	K := min(m, 12)
	// Candidate agents per job by reduced cost c + λw.
	cand := make([]int32, n*K)
	isCand := make([]bool, n*m)
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
		copy(cand[j*K:(j+1)*K], order[:K])
		for _, i := range order[:K] {
			isCand[j*m+int(i)] = true
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
	load := make([]int64, m)
	jobs := make([][]int32, m) // jobs on each agent
	pos := make([]int32, n)    // index of j in jobs[a[j]]
	var cost int64
	for j, i := range a {
		load[i] += g.w[int(i)*n+j]
		cost += g.c[int(i)*n+j]
		pos[j] = int32(len(jobs[i]))
		jobs[i] = append(jobs[i], int32(j))
	}
	excess := func(i int, l int64) int64 { return max(0, l-g.b[i]) }
	var over int64
	for i := range m {
		over += excess(i, load[i])
	}
	move := func(j int, to int32) {
		from := a[j]
		load[from] -= g.w[int(from)*n+j]
		load[to] += g.w[int(to)*n+j]
		cost += g.c[int(to)*n+j] - g.c[int(from)*n+j]
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
	tenure := 7 + int(math.Sqrt(float64(n)))
	sample := min(n, 120)
	restartAfter := int64(max(2000, 10*n))
	lastBest := int64(0)

	for it := int64(1); maxIter == 0 || it <= maxIter; it++ {
		res.iterations = it
		if it&63 == 0 && ctx.Err() != nil {
			break
		}
		if bestCost <= lb {
			break
		}
		bestDelta := math.Inf(1)
		kind := 0 // 1 shift, 2 swap
		var mj, mj2 int
		var mi int32
		// Shifts.
		for j := range n {
			from := a[j]
			fi := int(from)
			wFrom, cFrom := g.w[fi*n+j], g.c[fi*n+j]
			exFrom := excess(fi, load[fi]) - excess(fi, load[fi]-wFrom)
			for _, to := range cand[j*K : (j+1)*K] {
				if to == from {
					continue
				}
				ti := int(to)
				dOver := excess(ti, load[ti]+g.w[ti*n+j]) - excess(ti, load[ti]) - exFrom
				dc := g.c[ti*n+j] - cFrom
				d := float64(dc) + alpha*float64(dOver)
				if d >= bestDelta {
					continue
				}
				if tabuUntil[j*m+ti] >= it && !(over+dOver == 0 && cost+dc < bestCost) {
					continue
				}
				bestDelta, kind, mj, mi = d, 1, j, to
			}
		}
		// Swaps among sampled jobs.
		for s := 0; s < sample; s++ {
			j1 := s
			if sample < n {
				j1 = rng.IntN(n)
			}
			i1 := int(a[j1])
			for _, to := range cand[j1*K : (j1+1)*K] {
				i2 := int(to)
				if i2 == i1 {
					continue
				}
				l1 := load[i1] - g.w[i1*n+j1]
				l2 := load[i2] + g.w[i2*n+j1]
				base := excess(i1, load[i1]) + excess(i2, load[i2])
				dc1 := g.c[i2*n+j1] - g.c[i1*n+j1]
				tabu1 := tabuUntil[j1*m+i2] >= it
				for _, j2v := range jobs[i2] {
					j2 := int(j2v)
					if !isCand[j2*m+i1] {
						continue
					}
					dc := dc1 + g.c[i1*n+j2] - g.c[i2*n+j2]
					dOver := excess(i1, l1+g.w[i1*n+j2]) + excess(i2, l2-g.w[i2*n+j2]) - base
					d := float64(dc) + alpha*float64(dOver)
					if d >= bestDelta {
						continue
					}
					if (tabu1 || tabuUntil[j2*m+i1] >= it) && !(over+dOver == 0 && cost+dc < bestCost) {
						continue
					}
					bestDelta, kind, mj, mj2, mi = d, 2, j1, j2, to
				}
			}
		}
		switch kind {
		case 0:
			continue
		case 1:
			from := a[mj]
			tabuUntil[mj*m+int(from)] = it + int64(tenure/2+rng.IntN(tenure+1))
			move(mj, mi)
		case 2:
			i1 := a[mj]
			tabuUntil[mj*m+int(i1)] = it + int64(tenure/2+rng.IntN(tenure+1))
			tabuUntil[mj2*m+int(mi)] = it + int64(tenure/2+rng.IntN(tenure+1))
			move(mj, mi)
			move(mj2, i1)
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
