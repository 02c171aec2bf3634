/**
 * The ministry directory, curated by hand from the plan document: each ministry's code, its full
 * French name (as printed in section III when the document gives it), and every spelling the
 * document uses for it or for one of its directorates. The extraction resolves the "Département
 * responsable" and "Partenaires" cells through it and fails on a responsible it does not know, so
 * a new spelling can never slip through silently.
 */
import type { Ministry } from '#core';

type Entry = Omit<Ministry, 'returns'>;

const doc = (code: string, name: string, spellings: string[] = [], parent: string | null = null): Entry => ({
  code,
  name,
  nameInDocument: true,
  spellings,
  parent,
});
const usage = (
  code: string,
  name: string,
  spellings: string[] = [],
  parent: string | null = null,
): Entry => ({
  code,
  name,
  nameInDocument: false,
  spellings,
  parent,
});

export const MINISTRY_DIRECTORY: readonly Entry[] = [
  doc('MARCC', 'Ministère des Affaires Religieuses, du Culte et des Coutumes', ['MARC']),
  doc('MDAC', 'Ministère de la Défense et des Anciens Combattants'),
  doc('MATD', "Ministère de l'Administration Territoriale et de la Décentralisation"),
  doc('MSPC', 'Ministère de la Sécurité et de la Protection Civile', ['MSPC (RSS)', 'MSP']),
  doc('MJDH', "Ministère de la Justice et des Droits de l'Homme", [
    'DNAPES/MJDH',
    'DNAPES/ MJDH',
    'MJDH/DNAPES',
    'MJ',
  ]),
  doc('MSDS', 'Ministère de la Santé et du Développement Social'),
  doc('MEFP', "Ministère de l'Entreprenariat National, de l'Emploi et de la Formation Professionnelle", [
    'MEEFP',
  ]),
  doc(
    'MRN',
    "Ministère de la Réconciliation Nationale chargé de l'Accord pour la Paix et la Réconciliation",
    ['MRN-APR'],
  ),
  doc('MJS', 'Ministère de la Jeunesse et du Sport'),
  usage('MEF', "Ministère de l'Économie et des Finances", ['MEF/CENTIF']),
  usage('MAECI', 'Ministère des Affaires Étrangères et de la Coopération Internationale'),
  usage('MEN', "Ministère de l'Éducation Nationale"),
  usage('MESRS', "Ministère de l'Enseignement Supérieur et de la Recherche Scientifique"),
  usage(
    'MCENMA',
    "Ministère de la Communication, de l'Économie Numérique et de la Modernisation de l'Administration",
    ['MCEN'],
  ),
  usage('MPFEF', "Ministère de la Promotion de la Femme, de l'Enfant et de la Famille"),
  usage('MEADD', "Ministère de l'Environnement, de l'Assainissement et du Développement Durable"),
  usage('MACIHT', "Ministère de l'Artisanat, de la Culture, de l'Industrie Hôtelière et du Tourisme"),
  usage('MTI', 'Ministère des Transports et des Infrastructures'),
  usage('MDR', 'Ministère du Développement Rural'),
  doc(
    'DNAPES',
    "Direction Nationale de l'Administration Pénitentiaire et de l'Éducation Surveillée",
    [],
    'MJDH',
  ),
  doc('CENTIF', 'Cellule Nationale de Traitement des Informations Financières', [], 'MEF'),
];

/** Responsibilities the document writes jointly: every listed ministry reports on the activity. */
export const JOINT_SPELLINGS: readonly { asWritten: string; ministries: string[] }[] = [
  { asWritten: 'MARCC-MRN', ministries: ['MARCC', 'MRN'] },
  { asWritten: 'MJDH-MSDS', ministries: ['MJDH', 'MSDS'] },
  { asWritten: 'MDAC/MATD', ministries: ['MDAC', 'MATD'] },
];
