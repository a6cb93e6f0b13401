package main

import (
	"context"
	"log/slog"
	"time"

	"jingzi"
)

// overdueJob 逾期检查 is the server's daily run of LedgerService.FlagOverdue:
// once per calendar day of its clock, however often it is woken, so the
// items that turned red overnight are flagged and their people told the
// same morning.
type overdueJob struct {
	ledger jingzi.LedgerService
	now    func() time.Time // the database's clock; tests move it
	logger *slog.Logger
	mail   *reminderMail // nil or without a mailer: in-app only
	day    string        // the day it last ran
}

// run flags the items newly overdue unless the check already ran today, and
// returns how many it flagged.
func (j *overdueJob) run(ctx context.Context) (int, error) {
	now := j.now()
	day := now.Format(time.DateOnly)
	if day == j.day {
		return 0, nil
	}
	mark, mailing := j.mail.mark(ctx)
	n, err := j.ledger.FlagOverdue(jingzi.SystemContext(ctx, "逾期检查"), now)
	if err != nil {
		return 0, err
	}
	j.day = day
	if mailing && n > 0 { // after the commit, so a slow mail server holds no transaction
		j.mail.send(ctx, mark, "ledger.overdue", overdueSubject)
	}
	return n, nil
}

// loop runs the check at start and at every tick until ctx ends; it closes done.
func (j *overdueJob) loop(ctx context.Context, tick <-chan time.Time, done chan<- struct{}) {
	defer close(done)
	for {
		if n, err := j.run(ctx); err != nil && ctx.Err() == nil {
			j.logger.Warn("overdue check", "err", err)
		} else if n > 0 {
			j.logger.Info("overdue check", "flagged", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}
