-- The content digest of the image a job ran in (sha256:...), recorded when its container starts:
-- the image name alone may point at other bytes tomorrow.
ALTER TABLE jobs ADD COLUMN image_digest text;
