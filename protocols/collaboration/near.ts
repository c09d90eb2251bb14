/**
 * The People Near Me service as collaboration consumes it: the contract of
 * `protocols/people-near-me/`, which collaboration finds as `components.peopleNearMe`.
 */
export type { NearPerson, PeopleNearMe, PeopleNearMeEvents } from '../people-near-me/index.ts'
