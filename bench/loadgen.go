package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"
)

// LoadConfig describes one load run against an HTTP endpoint.
type LoadConfig struct {
	URL    string // such as "http://127.0.0.1:8080/v1/vrp"
	Method string // "" means POST
	Body   []byte
	// ContentEncoding is sent as the Content-Encoding header when set
	// ("gzip" for a body already compressed).
	ContentEncoding string
	// Concurrency is the number of connections. With Rate 0 each sends its
	// next request as soon as the last is answered (closed loop, the
	// server's throughput); with Rate > 0 it bounds the requests in flight.
	Concurrency int
	// Rate, when > 0, sends requests at this many per second on a fixed
	// schedule whatever the answers (open loop, for overload). A request
	// due while Concurrency are in flight is not sent and is counted in
	// Skipped.
	Rate float64
	// Duration is how long to send; Warmup runs before it and is not
	// counted.
	Duration time.Duration
	Warmup   time.Duration
	// Timeout bounds one request; 0 means 60 s.
	Timeout time.Duration
}

// LoadReport is the outcome of a run: counts by status and latency
// percentiles of the answered requests.
type LoadReport struct {
	Requests int         `json:"requests"`
	ByStatus map[int]int `json:"by_status"`
	Errors   int         `json:"errors"`  // transport errors
	Skipped  int         `json:"skipped"` // open loop: due but over Concurrency
	ElapsedS float64     `json:"elapsed_s"`
	// OKPerS is 2xx answers per second; SentPerS all answers per second.
	OKPerS   float64 `json:"ok_per_s"`
	SentPerS float64 `json:"sent_per_s"`
	// OK are the latencies of 2xx answers, Rejected of 429s, in ms.
	OK       Percentiles `json:"ok"`
	Rejected Percentiles `json:"rejected"`
}

// Percentiles of a latency sample, in milliseconds.
type Percentiles struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50_ms"`
	P90  float64 `json:"p90_ms"`
	P99  float64 `json:"p99_ms"`
	Max  float64 `json:"max_ms"`
	Mean float64 `json:"mean_ms"`
}

func (p Percentiles) String() string {
	return fmt.Sprintf("n=%d p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms", p.N, p.P50, p.P90, p.P99, p.Max)
}

func percentiles(ms []float64) Percentiles {
	if len(ms) == 0 {
		return Percentiles{}
	}
	slices.Sort(ms)
	at := func(q float64) float64 { return ms[min(len(ms)-1, int(q*float64(len(ms))))] }
	sum := 0.0
	for _, x := range ms {
		sum += x
	}
	return Percentiles{N: len(ms), P50: at(0.50), P90: at(0.90), P99: at(0.99), Max: ms[len(ms)-1], Mean: sum / float64(len(ms))}
}

// sample is one answered request.
type sample struct {
	status int
	ms     float64
}

// Load runs cfg and reports. It stops early when ctx ends.
func Load(ctx context.Context, cfg LoadConfig) (*LoadReport, error) {
	if cfg.URL == "" || cfg.Concurrency < 1 || cfg.Duration <= 0 || cfg.Rate < 0 {
		return nil, fmt.Errorf("load: want a URL, Concurrency >= 1, Duration > 0 and Rate >= 0, got %q, %d, %v, %g", cfg.URL, cfg.Concurrency, cfg.Duration, cfg.Rate)
	}
	if cfg.Method == "" {
		cfg.Method = http.MethodPost
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = time.Minute
	}
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        cfg.Concurrency,
		MaxIdleConnsPerHost: cfg.Concurrency,
		MaxConnsPerHost:     cfg.Concurrency,
		DisableCompression:  true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: cfg.Timeout}
	do := func() (sample, error) {
		req, err := http.NewRequestWithContext(ctx, cfg.Method, cfg.URL, bytes.NewReader(cfg.Body))
		if err != nil {
			return sample{}, err
		}
		req.Header.Set("Content-Type", "application/json")
		if cfg.ContentEncoding != "" {
			req.Header.Set("Content-Encoding", cfg.ContentEncoding)
		}
		start := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return sample{}, err
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err != nil {
			return sample{}, err
		}
		return sample{status: res.StatusCode, ms: float64(time.Since(start).Microseconds()) / 1000}, nil
	}

	var (
		mu      sync.Mutex
		samples []sample
		errs    int
		skipped int
	)
	record := func(s sample, err error, counted bool) {
		if !counted {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if ctx.Err() == nil {
				errs++
			}
			return
		}
		samples = append(samples, s)
	}
	start := time.Now()
	measureFrom := start.Add(cfg.Warmup)
	end := measureFrom.Add(cfg.Duration)
	var wg sync.WaitGroup
	if cfg.Rate == 0 {
		for range cfg.Concurrency {
			wg.Go(func() {
				for ctx.Err() == nil {
					sent := time.Now()
					if !sent.Before(end) {
						return
					}
					s, err := do()
					record(s, err, !sent.Before(measureFrom))
				}
			})
		}
	} else {
		slots := make(chan struct{}, cfg.Concurrency)
		interval := time.Duration(float64(time.Second) / cfg.Rate)
		for due := start; due.Before(end) && ctx.Err() == nil; due = due.Add(interval) {
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
			counted := !due.Before(measureFrom)
			select {
			case slots <- struct{}{}:
				wg.Go(func() {
					defer func() { <-slots }()
					s, err := do()
					record(s, err, counted)
				})
			default:
				if counted {
					mu.Lock()
					skipped++
					mu.Unlock()
				}
			}
		}
	}
	wg.Wait()
	elapsed := min(time.Since(measureFrom), cfg.Duration+time.Since(end))
	rep := &LoadReport{ByStatus: map[int]int{}, Errors: errs, Skipped: skipped, ElapsedS: elapsed.Seconds()}
	var ok, rejected []float64
	for _, s := range samples {
		rep.Requests++
		rep.ByStatus[s.status]++
		switch {
		case s.status >= 200 && s.status < 300:
			ok = append(ok, s.ms)
		case s.status == http.StatusTooManyRequests:
			rejected = append(rejected, s.ms)
		}
	}
	rep.OK, rep.Rejected = percentiles(ok), percentiles(rejected)
	if rep.ElapsedS > 0 {
		rep.OKPerS = float64(len(ok)) / cfg.Duration.Seconds()
		rep.SentPerS = float64(rep.Requests) / cfg.Duration.Seconds()
	}
	if rep.Requests == 0 && errs > 0 {
		return rep, errors.New("load: every request failed")
	}
	return rep, nil
}
