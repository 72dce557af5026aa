package jobq

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// index mirrors the record bucket in this process, fed by a watcher, for
// listing, counting and sweeping without reading every key. It may lag
// the bucket by the watcher's latency; Get reads the bucket itself.
type index struct {
	mu   sync.Mutex
	recs map[string]Record
}

// followRecords loads every record and keeps the index current until ctx
// (the queue's life) ends. load bounds the initial load.
func followRecords(load, ctx context.Context, kv jetstream.KeyValue) (*index, error) {
	w, err := kv.WatchAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("watching the job records: %w", err)
	}
	ix := &index{recs: make(map[string]Record)}
	ready := make(chan struct{})
	go func() {
		defer w.Stop()
		initial := true
		for {
			select {
			case <-ctx.Done():
				return
			case e, ok := <-w.Updates():
				if !ok {
					return
				}
				if e == nil { // the initial values are in
					if initial {
						initial = false
						close(ready)
					}
					continue
				}
				ix.apply(e)
			}
		}
	}()
	select {
	case <-ready:
		return ix, nil
	case <-load.Done():
		return nil, fmt.Errorf("loading the job records: %w", load.Err())
	}
}

func (ix *index) apply(e jetstream.KeyValueEntry) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if e.Operation() != jetstream.KeyValuePut {
		delete(ix.recs, e.Key())
		return
	}
	var rec Record
	if json.Unmarshal(e.Value(), &rec) == nil {
		ix.recs[e.Key()] = rec
	}
}

// put records a write this process made, ahead of the watcher.
func (ix *index) put(rec Record) {
	ix.mu.Lock()
	ix.recs[rec.ID] = rec
	ix.mu.Unlock()
}

// List returns the records of jobs in state (every state when empty),
// newest first, at most limit of them.
func (q *Queue) List(state State, limit int) []Record {
	q.index.mu.Lock()
	out := make([]Record, 0, min(limit, len(q.index.recs)))
	for _, r := range q.index.recs {
		if state == "" || r.State == state {
			out = append(out, r)
		}
	}
	q.index.mu.Unlock()
	slices.SortFunc(out, func(a, b Record) int {
		if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Counts returns the number of jobs in each state.
func (q *Queue) Counts() map[State]int {
	c := make(map[State]int, len(States))
	for _, s := range States {
		c[s] = 0
	}
	q.index.mu.Lock()
	for _, r := range q.index.recs {
		c[r.State]++
	}
	q.index.mu.Unlock()
	return c
}

// sweepLoop deletes ended jobs older than Retention, with their results,
// every few seconds. Every process sweeps; deleting twice is harmless.
func (q *Queue) sweepLoop(ctx context.Context) {
	every := min(10*time.Second, max(time.Second, q.cfg.Retention/10))
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			q.sweep(ctx, now)
		}
	}
}

func (q *Queue) sweep(ctx context.Context, now time.Time) {
	var old []Record
	q.index.mu.Lock()
	for _, r := range q.index.recs {
		if r.State.Final() && now.Sub(r.FinishedAt) > q.cfg.Retention {
			old = append(old, r)
		}
	}
	q.index.mu.Unlock()
	for _, r := range old {
		for _, o := range r.objects() {
			q.obs.Delete(ctx, o)
		}
		q.kv.Delete(ctx, r.ID)
	}
}
