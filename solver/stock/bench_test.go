package stock

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

// Benchmark fixtures are built once, on first use, so that plain go test
// pays nothing.
var (
	rsRowsOnce sync.Once
	rsRows     []Row
	fcRowsOnce sync.Once
	fcRows     []Row
)

func benchRSRows() []Row {
	rsRowsOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 2))
		rsRows = make([]Row, 1_000_000)
		for i := range rsRows {
			mu := 1 + 200*rng.Float64()
			rsRows[i] = Row{
				SKU: "sku", Warehouse: "wh",
				DemandMean: mu, DemandSD: mu * (0.1 + 0.6*rng.Float64()),
				LeadTimeDays: float64(1 + rng.IntN(5)), LeadTimeSDDays: 0.5 * rng.Float64(),
				OnHand: mu * 4 * rng.Float64(), OnOrder: mu * rng.Float64(), CasePack: float64(1 + rng.IntN(12)),
			}
			if i%3 == 0 {
				rsRows[i].FillRate = 0.95 + 0.04*rng.Float64()
			}
		}
	})
	return rsRows
}

// syntheticSeries is 90 days of demand: smooth with a weekly season,
// erratic, intermittent or lumpy by i mod 4.
func syntheticSeries(rng *rand.Rand, i, days int) []float64 {
	y := make([]float64, days)
	base := 5 + 50*rng.Float64()
	for t := range y {
		switch i % 4 {
		case 0:
			y[t] = math.Max(0, math.Round(base*(1+0.3*math.Sin(2*math.Pi*float64(t)/7))+rng.NormFloat64()*math.Sqrt(base)))
		case 1:
			y[t] = math.Max(0, math.Round(base*math.Exp(rng.NormFloat64())))
		case 2:
			if rng.Float64() < 0.3 {
				y[t] = math.Round(base * (0.8 + 0.4*rng.Float64()))
			}
		default:
			if rng.Float64() < 0.25 {
				y[t] = math.Round(base * math.Exp(1.2*rng.NormFloat64()))
			}
		}
	}
	return y
}

func benchForecastRows() []Row {
	fcRowsOnce.Do(func() {
		rng := rand.New(rand.NewPCG(3, 4))
		fcRows = make([]Row, 100_000)
		for i := range fcRows {
			fcRows[i] = Row{SKU: "sku", Warehouse: "wh", History: syntheticSeries(rng, i, 90), LeadTimeDays: 2, OnHand: 20}
		}
	})
	return fcRows
}

// BenchmarkBatchRS: 10^6 SKU × warehouse (R,S) policies from mean and sd.
func BenchmarkBatchRS(b *testing.B) {
	rows := benchRSRows()
	for _, th := range []int{1, 2} {
		b.Run(fmt.Sprintf("rows=1e6/threads=%d", th), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Batch(context.Background(), rows, BatchOptions{Threads: th}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(rows)), "ns/row")
		})
	}
}

// BenchmarkForecastClassify: 10^5 daily series of 90 days classified,
// forecast (method chosen per class) and turned into (R,S) policies.
func BenchmarkForecastClassify(b *testing.B) {
	rows := benchForecastRows()
	for _, th := range []int{2} {
		b.Run(fmt.Sprintf("series=1e5/days=90/threads=%d", th), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Batch(context.Background(), rows, BatchOptions{Threads: th}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(rows)), "µs/series")
		})
	}
}
