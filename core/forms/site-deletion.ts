/**
 * The confirmation a member gives to delete a site: its name, typed out,
 * so a slip of the finger never deletes one. Forgiving of case and spaces
 * around it; anything else names the problem.
 */
import { z } from 'zod';

/** The form for deleting the site `name`. */
export const siteDeletionSchema = (name: string) =>
  z.object({
    confirm: z
      .string({ required_error: `Type the site’s name, ${name}, to delete it.` })
      .max(200, `That is not the site’s name. Type ${name} exactly to delete it.`)
      .transform((typed) => typed.trim().toLowerCase())
      .refine((typed) => typed !== '', `Type the site’s name, ${name}, to delete it.`)
      .refine(
        (typed) => typed === '' || typed === name,
        `That is not the site’s name. Type ${name} exactly to delete it.`,
      ),
  });
