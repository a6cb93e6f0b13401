package sqldb

import (
	"context"
	"fmt"
	"time"

	"jingzi"
)

// SaveMinutes stores the whole minutes if nobody saved since min.Version (0 for
// the first save of the draft). Criticisms keep their ids, and so the
// responses written to them, when the editor sends them back.
func (s *MinutesService) SaveMinutes(ctx context.Context, min *jingzi.Minutes) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := manageableMinutesMeeting(tx, min.MeetingID)
	if err != nil {
		return err
	}
	if err := min.Validate(m); err != nil {
		return err
	} else if err := checkAgendaStatements(tx, m, min.Agenda); err != nil {
		return err
	}
	if err := writeMinutesRow(tx, min); err != nil {
		return err
	}
	if err := replaceAttendance(tx, min); err != nil {
		return err
	} else if err := replaceAgenda(tx, min); err != nil {
		return err
	} else if err := saveCriticisms(tx, min); err != nil {
		return err
	}
	present, expected, _ := min.Quorum()
	detail := fmt.Sprintf("%s：应到%d人，实到%d人，议程%d项，相互批评%d条", m.Title, expected, present, len(min.Agenda), len(min.Criticisms))
	if err := audit(tx, "minutes.save", "meeting", m.ID, m.OrgID, detail); err != nil {
		return err
	}
	return tx.Commit()
}

// writeMinutesRow inserts the first version or updates the one the editor started from.
func writeMinutesRow(tx *Tx, min *jingzi.Minutes) error {
	by := jingzi.ActorFromContext(tx.ctx).Name()
	started := minutesTime(min.StartedAt)
	if min.Version == 0 {
		_, err := tx.exec(`INSERT INTO meeting_minutes (meeting_id, started_at, place, host, recorder, attendees,
			supervisor_remarks, summary, report_days, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			min.MeetingID, started, min.Place, min.Host, min.Recorder, min.Attendees, min.SupervisorRemarks, min.Summary,
			min.ReportDays, tx.now, by)
		if isUniqueViolation(err) {
			return errMinutesConflict
		} else if err != nil {
			return fmt.Errorf("insert minutes: %w", err)
		}
	} else {
		res, err := tx.exec(`UPDATE meeting_minutes SET started_at = ?, place = ?, host = ?, recorder = ?, attendees = ?,
			supervisor_remarks = ?, summary = ?, report_days = ?, version = version + 1, updated_at = ?, updated_by = ?
			WHERE meeting_id = ? AND version = ?`, started, min.Place, min.Host, min.Recorder, min.Attendees,
			min.SupervisorRemarks, min.Summary, min.ReportDays, tx.now, by, min.MeetingID, min.Version)
		if err != nil {
			return fmt.Errorf("update minutes: %w", err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			return errMinutesConflict
		}
	}
	min.Version, min.Saved, min.UpdatedAt = min.Version+1, true, tx.now
	return nil
}

// minutesTime stores the meeting's start in UTC, or NULL.
func minutesTime(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return t.UTC()
}

// checkAgendaStatements: a statement read out belongs to this meeting and is
// the speaker's own or the team's.
func checkAgendaStatements(tx *Tx, m *jingzi.Meeting, agenda []*jingzi.AgendaItem) error {
	ids, err := statementIDs(tx, m.ID)
	if err != nil {
		return err
	}
	owner := map[int64]int64{} // statement → participant (0: the team's)
	for pid, id := range ids {
		owner[id] = pid
	}
	for _, it := range agenda {
		if it.StatementID == 0 {
			continue
		}
		pid, ours := owner[it.StatementID]
		if !ours {
			return jingzi.Errorf(jingzi.EINVALID, "第%d项议程所选的对照检查材料不属于本次会议，请重新选择。", it.Position)
		}
		if speaker := m.Participant(it.ParticipantID); speaker != nil && pid != 0 && pid != speaker.ID {
			name := "其他同志"
			if p := m.Participant(pid); p != nil {
				name = p.Name + "同志"
			}
			return jingzi.Errorf(jingzi.EINVALID, "第%d项议程的发言人是%s同志，所选的却是%s的对照检查材料，请重新选择。",
				it.Position, speaker.Name, name)
		}
	}
	return nil
}

func replaceAttendance(tx *Tx, min *jingzi.Minutes) error {
	if _, err := tx.exec(`DELETE FROM minutes_attendance WHERE meeting_id = ?`, min.MeetingID); err != nil {
		return fmt.Errorf("clear attendance: %w", err)
	}
	for _, a := range min.Attendance {
		if _, err := tx.exec(`INSERT INTO minutes_attendance (meeting_id, participant_id, status, reason) VALUES (?, ?, ?, ?)`,
			min.MeetingID, a.ParticipantID, a.Status, a.Reason); err != nil {
			return fmt.Errorf("insert attendance: %w", err)
		}
	}
	return nil
}

func replaceAgenda(tx *Tx, min *jingzi.Minutes) error {
	if _, err := tx.exec(`DELETE FROM minutes_agenda WHERE meeting_id = ?`, min.MeetingID); err != nil {
		return fmt.Errorf("clear agenda: %w", err)
	}
	for _, it := range min.Agenda {
		var speaker any
		if it.ParticipantID != 0 {
			speaker = it.ParticipantID
		}
		id, err := tx.insert(`INSERT INTO minutes_agenda (meeting_id, position, kind, title, participant_id, statement_id, notes)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, min.MeetingID, it.Position, string(it.Kind), it.Title, speaker, it.StatementID, it.Notes)
		if err != nil {
			return fmt.Errorf("insert agenda: %w", err)
		}
		it.ID = id
	}
	return nil
}

// saveCriticisms updates the criticisms the editor sent back by id, adds the
// new ones and removes the rest.
func saveCriticisms(tx *Tx, min *jingzi.Minutes) error {
	keep := map[int64]bool{}
	for _, c := range min.Criticisms {
		if c.ID == 0 {
			continue
		}
		res, err := tx.exec(`UPDATE minutes_criticisms SET position = ?, from_id = ?, to_id = ?, content = ?, response = ?
			WHERE id = ? AND meeting_id = ?`, c.Position, c.FromID, c.ToID, c.Content, c.Response, c.ID, min.MeetingID)
		if err != nil {
			return fmt.Errorf("update criticism: %w", err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			return errMinutesConflict
		}
		keep[c.ID] = true
	}
	if err := deleteCriticismsExcept(tx, min.MeetingID, keep); err != nil {
		return err
	}
	for _, c := range min.Criticisms {
		if c.ID != 0 {
			continue
		}
		id, err := tx.insert(`INSERT INTO minutes_criticisms (meeting_id, position, from_id, to_id, content, response)
			VALUES (?, ?, ?, ?, ?, ?)`, min.MeetingID, c.Position, c.FromID, c.ToID, c.Content, c.Response)
		if err != nil {
			return fmt.Errorf("insert criticism: %w", err)
		}
		c.ID = id
	}
	return nil
}

func deleteCriticismsExcept(tx *Tx, meetingID int64, keep map[int64]bool) error {
	rows, err := tx.query(`SELECT id FROM minutes_criticisms WHERE meeting_id = ?`, meetingID)
	if err != nil {
		return fmt.Errorf("find criticisms: %w", err)
	}
	var gone []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range gone {
		if _, err := tx.exec(`DELETE FROM minutes_criticisms WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete criticism: %w", err)
		}
	}
	return nil
}

// RespondToCriticism records the receiver's response. It bumps the minutes'
// version, so that an organiser's form opened before cannot overwrite it.
func (s *MinutesService) RespondToCriticism(ctx context.Context, criticismID int64, response string) error {
	response, err := jingzi.ValidateCriticismResponse(response)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var meetingID int64
	if err := tx.queryRow(`SELECT meeting_id FROM minutes_criticisms WHERE id = ?`, criticismID).Scan(&meetingID); err != nil {
		return jingzi.Errorf(jingzi.ENOTFOUND, "该批评意见不存在或您无权查看。")
	}
	m, err := findVisibleMeeting(tx, meetingID)
	if err != nil {
		return err
	}
	min, err := findMinutes(tx, m)
	if err != nil {
		return err
	}
	c := min.Criticism(criticismID)
	if !jingzi.CanRespondToCriticism(ctx, m, c) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有被批评的同志本人或党办组织者可以填写表态。")
	} else if m.ArchivedAt != nil {
		return jingzi.ErrArchived()
	}
	if _, err := tx.exec(`UPDATE minutes_criticisms SET response = ?, responded_by = ?, responded_at = ? WHERE id = ?`,
		response, jingzi.ActorFromContext(ctx).Name(), tx.now, criticismID); err != nil {
		return fmt.Errorf("respond: %w", err)
	}
	if _, err := tx.exec(`UPDATE meeting_minutes SET version = version + 1, updated_at = ? WHERE meeting_id = ?`,
		tx.now, meetingID); err != nil {
		return fmt.Errorf("bump minutes: %w", err)
	}
	detail := fmt.Sprintf("%s：%s对%s批评意见的表态", m.Title, c.ToName, c.FromName)
	if err := audit(tx, "minutes.respond", "meeting", m.ID, m.OrgID, detail); err != nil {
		return err
	}
	return tx.Commit()
}

// MarkReportSent records the day the 情况报告 went to the superior (nil clears it).
func (s *MinutesService) MarkReportSent(ctx context.Context, meetingID int64, on *time.Time) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := manageableMinutesMeeting(tx, meetingID)
	if err != nil {
		return err
	}
	day := reportDate(on)
	if day != nil && (day.Year() < 2000 || day.Year() > 2100) {
		return jingzi.Errorf(jingzi.EINVALID, "报送日期不正确，请按“2024-02-01”的格式填写。")
	} else if day != nil && m.MeetingDate != nil && day.Before(*m.MeetingDate) {
		return jingzi.Errorf(jingzi.EINVALID, "情况报告的报送日期不能早于会议召开日期（%s）。", jingzi.FormatDate(*m.MeetingDate))
	}
	res, err := tx.exec(`UPDATE meeting_minutes SET report_sent_on = ? WHERE meeting_id = ?`, nullDate(day), meetingID)
	if err != nil {
		return fmt.Errorf("mark report: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return jingzi.Errorf(jingzi.EINVALID, "请先保存会议记录，再登记情况报告的报送情况。")
	}
	detail := m.Title + "：情况报告撤销报送登记"
	if day != nil {
		detail = m.Title + "：情况报告已于" + jingzi.FormatDate(*day) + "报送上级"
	}
	if err := audit(tx, "minutes.report", "meeting", m.ID, m.OrgID, detail); err != nil {
		return err
	}
	return tx.Commit()
}
