-- What the chat's last digest covered belongs to the chat, not to its schedule: `/digest now`
-- in a chat without a schedule must not post the same events again next time.
ALTER TABLE chats ADD COLUMN digest_covered_until TEXT;

UPDATE chats SET digest_covered_until = (SELECT covered_until FROM digest_schedules WHERE chat_id = chats.id);

ALTER TABLE digest_schedules DROP COLUMN covered_until;
