-- plants, in schema caregap, an operator for every operator name and type pair
-- below and a function for every name below; each writes a row into
-- public.cg_hijack_log when called, then answers as pg_catalog would.
DO $plant$
DECLARE
    op text; l text; r text; fn text; t text; ret text; n int := 0;
BEGIN
    FOREACH op IN ARRAY ARRAY['=', '<>', '<', '<=', '>', '>=', '~', '~~', '+', '-', '*', '/', '->>', '->', '||', '@>'] LOOP
        FOREACH l IN ARRAY ARRAY['float8', 'int4', 'int8', 'numeric', 'text', 'name', 'jsonb', 'bool', 'float4', 'int2', 'varchar'] LOOP
            FOREACH r IN ARRAY ARRAY['float8', 'int4', 'int8', 'numeric', 'text', 'name', 'jsonb', 'bool', 'float4', 'int2', 'varchar', 'text[]'] LOOP
                n := n + 1;
                fn := 'cg_plant_' || n;
                ret := CASE WHEN op IN ('+', '-', '*', '/', '||') THEN l WHEN op IN ('->>') THEN 'text'
                            WHEN op = '->' THEN 'jsonb' ELSE 'bool' END;
                EXECUTE format('CREATE FUNCTION caregap.%I(%s, %s) RETURNS %s LANGUAGE plpgsql AS '
                               '$f$BEGIN INSERT INTO public.cg_hijack_log VALUES (%L); RETURN NULL; END$f$',
                               fn, l, r, ret, format('%s %s %s', l, op, r));
                EXECUTE format('CREATE OPERATOR caregap.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = caregap.%I)',
                               op, l, r, fn);
            END LOOP;
        END LOOP;
    END LOOP;
    -- functions a script might call unqualified, for the argument types it uses
    FOREACH fn IN ARRAY ARRAY['abs', 'round', 'ln', 'exp', 'sqrt', 'power', 'float8', 'numeric', 'int4', 'text',
                              'jsonb_typeof', 'lower', 'upper', 'length', 'array_length', 'cardinality', 'format',
                              'current_setting', 'to_regnamespace', 'to_jsonb', 'jsonb_build_object', 'greatest'] LOOP
        FOREACH t IN ARRAY ARRAY['float8', 'int4', 'int8', 'numeric', 'text', 'jsonb', 'name', 'unknown'] LOOP
            CONTINUE WHEN t = 'unknown';
            EXECUTE format('CREATE FUNCTION caregap.%I(%s) RETURNS %s LANGUAGE plpgsql AS '
                           '$f$BEGIN INSERT INTO public.cg_hijack_log VALUES (%L); RETURN NULL; END$f$',
                           fn, t, t, format('%s(%s)', fn, t));
        END LOOP;
    END LOOP;
    -- aggregates
    FOREACH t IN ARRAY ARRAY['float8', 'int4', 'int8', 'numeric'] LOOP
        EXECUTE format('CREATE FUNCTION caregap.cg_plant_sfunc(%s, %s) RETURNS %s LANGUAGE plpgsql AS '
                       '$f$BEGIN INSERT INTO public.cg_hijack_log VALUES (%L); RETURN NULL; END$f$',
                       t, t, t, format('sum(%s)', t));
        EXECUTE format('CREATE AGGREGATE caregap.sum(%s) (SFUNC = caregap.cg_plant_sfunc, STYPE = %s)', t, t);
        EXECUTE format('CREATE AGGREGATE caregap.count(%s) (SFUNC = caregap.cg_plant_sfunc, STYPE = %s)', t, t);
    END LOOP;
END
$plant$;
