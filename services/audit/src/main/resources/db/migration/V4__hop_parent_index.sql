-- No query looks a hop up by its parent's id (the summary joins a hop to its parent by the parent's
-- primary key): the index only cost every stored hop a third index write.
drop index if exists hop_parent;
