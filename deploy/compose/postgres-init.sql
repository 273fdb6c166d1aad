-- One role and one schema per service: a service can reach its own tables and no other's.
-- The passwords are for the local demo only; a real deployment takes them from its secret store.
create role foreign_ministry login password 'foreign-ministry-demo';
create role embassy login password 'embassy-demo';
create role hotline login password 'hotline-demo';
create role protecting_power login password 'protecting-power-demo';
create role audit login password 'audit-demo';
create schema foreign_ministry authorization foreign_ministry;
create schema embassy authorization embassy;
create schema hotline authorization hotline;
create schema protecting_power authorization protecting_power;
create schema audit authorization audit;
