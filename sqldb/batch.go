package sqldb

import (
	"context"

	"jingzi"
)

// batcher 组提交 runs small writes that arrive together — anonymous submissions —
// in one transaction, each under a savepoint: one fsync then serves the whole
// batch instead of one per submission, with synchronous=FULL untouched. A write
// that fails is rolled back to its savepoint alone; the others commit. Each
// caller is answered only after the commit, so an acknowledged write is durable.
type batcher struct {
	db   *DB
	ch   chan *batchReq
	quit chan struct{}
	done chan struct{}
}

type batchReq struct {
	fn  func(*Tx) error
	err chan error
}

// maxBatch bounds one transaction; more waiting writes go into the next.
const maxBatch = 128

var errClosed = jingzi.Errorf(jingzi.EINTERNAL, "服务正在停止，请稍后重试。")

// inBatch runs fn in the next batch and returns its error or the commit's.
func (db *DB) inBatch(ctx context.Context, fn func(*Tx) error) error {
	b := db.startBatcher()
	r := &batchReq{fn: fn, err: make(chan error, 1)}
	select {
	case b.ch <- r:
	case <-b.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	return <-r.err // the loop answers every request it took, even when stopping
}

func (db *DB) startBatcher() *batcher {
	db.batchOnce.Do(func() {
		db.batch = &batcher{db: db, ch: make(chan *batchReq, maxBatch), quit: make(chan struct{}), done: make(chan struct{})}
		go db.batch.loop()
	})
	return db.batch
}

// stopBatcher ends the loop after the batch in hand; called by Close.
func (db *DB) stopBatcher() {
	db.batchMu.Lock()
	defer db.batchMu.Unlock()
	if db.batch != nil && !db.batchStopped {
		close(db.batch.quit)
		<-db.batch.done
		db.batchStopped = true
	}
}

func (b *batcher) loop() {
	defer close(b.done)
	for {
		select {
		case <-b.quit:
			b.refuseWaiting()
			return
		case first := <-b.ch:
			batch := []*batchReq{first}
		fill:
			for len(batch) < maxBatch {
				select {
				case r := <-b.ch:
					batch = append(batch, r)
				default:
					break fill
				}
			}
			b.run(batch)
		}
	}
}

func (b *batcher) refuseWaiting() {
	for {
		select {
		case r := <-b.ch:
			r.err <- errClosed
		default:
			return
		}
	}
}

// run executes one batch and answers every request in it.
func (b *batcher) run(batch []*batchReq) {
	errs := make([]error, len(batch))
	answer := func() {
		for i, r := range batch {
			r.err <- errs[i]
		}
	}
	defer answer()
	fail := func(err error) {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
	}
	tx, err := b.db.BeginTx(anonymous(context.Background()))
	if err != nil {
		fail(err)
		return
	}
	defer tx.Rollback()
	for i, r := range batch {
		if _, err := tx.exec(`SAVEPOINT submission`); err != nil {
			fail(err)
			return
		}
		if errs[i] = r.fn(tx); errs[i] != nil {
			if _, err := tx.exec(`ROLLBACK TO SAVEPOINT submission`); err != nil {
				fail(err)
				return
			}
		}
		if _, err := tx.exec(`RELEASE SAVEPOINT submission`); err != nil {
			fail(err)
			return
		}
	}
	if err := tx.Commit(); err != nil {
		fail(err)
	}
}
